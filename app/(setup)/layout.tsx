import { SectionMessages } from "@/components/i18n/section-messages";

export default function Layout({ children }: { children: React.ReactNode }) {
  return <SectionMessages section="setup">{children}</SectionMessages>;
}
