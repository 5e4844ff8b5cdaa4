"use client";

import type { ComponentProps } from "react";
import { inputClass } from "@/components/ui/field";

/** The PEM text box for an uploaded public key, the same at creation and on rotation. */
export function PublicKeyTextarea(props: ComponentProps<"textarea">) {
  return (
    <textarea
      {...props}
      rows={6}
      spellCheck={false}
      autoComplete="off"
      // eslint-disable-next-line i18next/no-literal-string -- the shape of a PEM key, the same in every language
      placeholder={"-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----"}
      className={`${inputClass} font-mono text-xs`}
    />
  );
}
