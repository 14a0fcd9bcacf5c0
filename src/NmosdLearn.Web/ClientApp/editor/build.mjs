// Builds the studio editor into wwwroot/lib/studio-editor: one minified script, and the licences of every
// package bundled into it. Run `npm ci && npm run build` here after changing the source or a version, and
// commit both files (the platform serves them; it needs no Node at run time).
import * as esbuild from "esbuild";
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "..", "wwwroot", "lib", "studio-editor");
mkdirSync(out, { recursive: true });

const result = await esbuild.build({
    entryPoints: [join(here, "src", "index.js")],
    bundle: true,
    minify: true,
    format: "iife",
    target: ["es2020"],
    legalComments: "none",
    metafile: true,
    outfile: join(out, "studio-editor.min.js"),
});

// The packages whose code is in the bundle, with their licence texts.
const packages = new Map();
const bundled = Object.values(result.metafile.outputs)[0].inputs;
for (const input of Object.keys(bundled).filter(name => bundled[name].bytesInOutput > 0)) {
    const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
    if (match && !packages.has(match[1])) {
        const folder = join(here, "node_modules", match[1]);
        const manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
        const licenceFile = readdirSync(folder).find(name => /^licen[cs]e/i.test(name));
        packages.set(match[1], { version: manifest.version, license: manifest.license, text: licenceFile ? readFileSync(join(folder, licenceFile), "utf8").trim() : "" });
    }
}

const notices = [...packages.entries()].sort(([a], [b]) => a.localeCompare(b))
    .map(([name, p]) => `${name} ${p.version} (${p.license})\n\n${p.text}`)
    .join("\n\n----------------------------------------\n\n");
writeFileSync(join(out, "LICENSES.txt"),
    "The studio editor bundle (studio-editor.min.js) is built from src/NmosdLearn.Web/ClientApp/editor and holds these packages:\n\n" + notices + "\n");
console.log(`studio-editor.min.js: ${readFileSync(join(out, "studio-editor.min.js")).length} bytes; ${packages.size} packages`);
