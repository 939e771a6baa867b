"use client";

import { startTransition, type FormEvent } from "react";

/**
 * Submits a form to its server action without React's reset of the form afterwards, so what was typed (and chosen
 * in selects) stays after any answer — a refusal must not silently put the defaults back.
 */
export function keepTyped(formAction: (data: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLElement | null;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => formAction(data));
  };
}
