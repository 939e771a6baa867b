"use client";

/**
 * The last step before a submit that changes something: the question naming what will change, a submit button
 * (with the form's intent) that says it again, and a way back. Rendered inside the form it submits.
 */
export function ConfirmGroup({
  label,
  question,
  yes,
  notNow,
  intent,
  pending,
  onCancel,
}: {
  label: string;
  question: string;
  yes: string;
  notNow: string;
  /** The value of the form's `intent` the submit sends. */
  intent: string;
  pending: boolean;
  onCancel: () => void;
}) {
  return (
    <div className="confirm" role="group" aria-label={label}>
      <p>{question}</p>
      <div className="inline-form wrap">
        <button type="submit" name="intent" value={intent} disabled={pending}>
          {yes}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {notNow}
        </button>
      </div>
    </div>
  );
}
