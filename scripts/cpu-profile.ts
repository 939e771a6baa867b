// npx tsx scripts/cpu-profile.ts <file.cpuprofile> [top] — where a V8 CPU profile spent its time (`npm run bench --
// --pages --cpu-prof` writes one of the server): self time per function, and per package (ours: by folder), so
// "what does every request pay for" reads as a list instead of a flame chart.
import fs from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, count = "25", ...rest] = process.argv.slice(2);
const top = Number(count);
if (!file || !Number.isInteger(top) || top < 1 || rest.length > 0) {
  console.error("usage: npx tsx scripts/cpu-profile.ts <file.cpuprofile> [top]");
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));

/** A frame's owner: an npm package, one of our folders (lib/views, app/…), Node itself, or V8 ("(idle)", "(gc)"). */
function owner(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith("node:")) return "node";
  const ours = /\/(app|components|lib|contracts|generated)\/([^/]+)/.exec(url);
  return ours ? `${ours[1]}/${ours[2]}` : url.replace(/^.*\/\.next\//, ".next/");
}

const functions = new Map<string, number>();
const owners = new Map<string, number>();
let total = 0;
for (const [id, ms] of self) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  total += ms;
  const key = `${functionName || "(anonymous)"} ${url ? `${url.replace(/^.*\/(node_modules|\.next)\//, "$1/")}:${lineNumber + 1}` : ""}`;
  functions.set(key, (functions.get(key) ?? 0) + ms);
  const o = owner(url, functionName);
  owners.set(o, (owners.get(o) ?? 0) + ms);
}
const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${k}`);
};
console.log(`${file}: ${total.toFixed(0)} ms sampled`);
show("self time by owner", owners);
show("self time by function", functions);
