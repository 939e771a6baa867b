// Runs of three or more English words in text meant to be read in Chinese: how the tests tell an English sentence
// left on a Chinese page (or in a Chinese message) from the tokens Chinese text rightly keeps. Tokens are not words
// and break a run: ids, keys and paths (digits, `_`, `/`, `.`, `@` inside), acronyms (UTC, JSON), numbers.
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2014\u2026]/gu;
const EDGE = /^[(\["'“‘«]+|[)\]"'”’»,.;:!?]+$/g;
const WORD = /^[A-Za-z]*[a-z][A-Za-z]*(?:['’-][A-Za-z]+)*$/;

export const MIN_ENGLISH_RUN = 3;

/** English a Chinese message keeps on purpose: the lesson's own error text, word for word (plans.unsupportedMode). */
const KEPT = ["Unsupported Week06 backfill mode:"];

export function englishRuns(text: string): string[] {
  const runs: string[] = [];
  let run: string[] = [];
  const end = () => {
    if (run.length >= MIN_ENGLISH_RUN) runs.push(run.join(" "));
    run = [];
  };
  const said = KEPT.reduce((t, kept) => t.replaceAll(kept, " \u0000 "), text);
  for (const raw of said.replace(CJK, " \u0000 ").split(/\s+/)) {
    const token = raw.replace(EDGE, "");
    // A word keeps the run going; a token, Chinese or punctuation between them ends it.
    if (token !== "" && WORD.test(token) && raw !== "\u0000") run.push(token);
    else if (raw !== "") end();
  }
  end();
  return runs;
}
