// Unpack the old Chromium builds npm installed (node_modules/chromium-NN: chrome-aws-lambda's
// bin/*.br, brotli-packed) into ./chromium-NN/, once per package version.
// usage: node e2e/engines/unpack.mjs
import { readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync, existsSync, chmodSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
for (const name of readdirSync(path.join(here, 'node_modules')).filter((n) => n.startsWith('chromium-'))) {
  const pkg = path.join(here, 'node_modules', name);
  const { version } = JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8'));
  const out = path.join(here, name);
  const marker = path.join(out, '.unpacked');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === version) continue;
  console.log(`::: unpacking ${name} (chrome-aws-lambda ${version})`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const bin = path.join(pkg, 'bin');
  for (const f of readdirSync(bin).filter((f) => f.endsWith('.br'))) {
    const data = brotliDecompressSync(readFileSync(path.join(bin, f)));
    if (f.endsWith('.tar.br')) {
      const tar = path.join(out, f.slice(0, -3));
      writeFileSync(tar, data);
      execFileSync('tar', ['xf', tar, '-C', out]);
      rmSync(tar);
    } else {
      writeFileSync(path.join(out, f.slice(0, -3)), data);
    }
  }
  chmodSync(path.join(out, 'chromium'), 0o755);
  writeFileSync(marker, version);
}
