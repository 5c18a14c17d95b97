#!/usr/bin/env node
'use strict';

// ortbench runs convlings' benchmark layers and the same layers in
// onnxruntime side by side, in interleaved rounds in one run, and prints
// the speedups. See README.md in this folder.

const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { layerModel, identityModel } = require('./onnx.js');

const usage = `Usage: node ortbench.js [flags]

Times convlings' conv and pool benchmark layers (BenchmarkLayers, with
-cpu 1,2) and the same layers in onnxruntime (intra-op threads 1 and 2),
interleaved in rounds, with the FMA peak (BenchmarkFMAPeak) measured in the
same run, and prints speedup = onnxruntime time / convlings time (above 1:
convlings is faster). Run it from anywhere after "npm ci" in this folder.

Flags:
  -rounds N      rounds of measurements (default 5)
  -time S        seconds per measurement, Go and onnxruntime (default 0.25)
  -filter RE     only the layers whose name matches RE
  -levels L      onnxruntime graph optimization levels to try, the faster
                 counting (default "all,basic")
  -json FILE     also write every sample to FILE
  -go PATH       the go command (default "go")
  -h             this help
`;

function parseArgs(argv) {
  const a = { rounds: 5, time: 0.25, filter: '', levels: ['all', 'basic'], json: '', go: 'go' };
  for (let i = 0; i < argv.length; i++) {
    const f = argv[i].replace(/^--?/, '');
    const val = () => {
      if (i + 1 >= argv.length) fail(`flag -${f} needs a value`);
      return argv[++i];
    };
    switch (f) {
      case 'h':
      case 'help':
        process.stdout.write(usage);
        process.exit(0);
      case 'rounds':
        a.rounds = Number(val());
        if (!Number.isInteger(a.rounds) || a.rounds < 1) fail(`-rounds: want a positive integer, got ${argv[i]}`);
        break;
      case 'time':
        a.time = Number(val());
        if (!(a.time > 0 && a.time <= 60)) fail(`-time: want seconds in (0, 60], got ${argv[i]}`);
        break;
      case 'filter':
        a.filter = val();
        try {
          new RegExp(a.filter);
        } catch (e) {
          fail(`-filter: ${e.message}`);
        }
        break;
      case 'levels':
        a.levels = val().split(',');
        for (const l of a.levels) {
          if (!['disabled', 'basic', 'extended', 'layout', 'all'].includes(l)) fail(`-levels: unknown level ${l}`);
        }
        break;
      case 'json':
        a.json = val();
        break;
      case 'go':
        a.go = val();
        break;
      default:
        fail(`unknown argument ${argv[i]} (see -h)`);
    }
  }
  return a;
}

function fail(msg) {
  process.stderr.write(`ortbench: ${msg}\n`);
  process.exit(2);
}

let ort;
try {
  ort = require('onnxruntime-node');
} catch (e) {
  fail(`cannot load onnxruntime-node (run "npm ci" in ${__dirname}): ${e.message}`);
}

const root = path.resolve(__dirname, '..', '..');

// readF32 reads a little-endian float32 file and splits it into parts of
// the given lengths.
function readF32(file, lengths) {
  const buf = fs.readFileSync(file);
  const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const want = lengths.reduce((s, n) => s + n, 0);
  if (all.length !== want) throw new Error(`${file}: ${all.length} values, want ${want}`);
  const parts = [];
  let o = 0;
  for (const n of lengths) {
    parts.push(all.subarray(o, o + n));
    o += n;
  }
  return parts;
}

const prod = (a) => a.reduce((s, v) => s * v, 1);

// toChannelsFirst turns an N×S×C array (S the spatial cells) into N×C×S.
function toChannelsFirst(x, n, s, c) {
  const y = new Float32Array(x.length);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < s; i++) {
      for (let ch = 0; ch < c; ch++) y[(b * c + ch) * s + i] = x[(b * s + i) * c + ch];
    }
  }
  return y;
}

// kerasToOnnx turns a kernel of Keras's layout (K…, C, F) into ONNX's (F, C, K…).
// (A grouped layer's kernel is (k…, C/groups, F) in Keras and
// (F, C/groups, k…) in ONNX: the same conversion with c = C/groups.)
function kerasToOnnx(w, k, c, f) {
  const y = new Float32Array(w.length);
  for (let i = 0; i < k; i++) {
    for (let ch = 0; ch < c; ch++) {
      for (let o = 0; o < f; o++) y[(o * c + ch) * k + i] = w[(i * c + ch) * f + o];
    }
  }
  return y;
}

// loadLayers builds the test binaries, exports the layers and returns them
// with their data in onnxruntime's layout.
function loadLayers(args, tmp) {
  const bins = {};
  for (const pkg of ['conv', 'pool']) {
    bins[pkg] = path.join(tmp, `${pkg}.test`);
    execFileSync(args.go, ['test', '-c', '-o', bins[pkg], `./${pkg}`], { cwd: root, stdio: 'inherit' });
    execFileSync(bins[pkg], ['-test.run', '^TestExportLayers$'], {
      cwd: path.join(root, pkg),
      env: { ...process.env, CONVLINGS_LAYER_DUMP: tmp },
    });
  }
  const layers = [];
  for (const pkg of ['conv', 'pool']) {
    for (const spec of JSON.parse(fs.readFileSync(path.join(tmp, `${pkg}.json`), 'utf8'))) {
      if (args.filter && !new RegExp(args.filter).test(spec.name)) continue;
      const s = prod(spec.in);
      const so = prod(spec.out);
      const L = { pkg, spec, xN: null };
      if (pkg === 'conv') {
        const k = prod(spec.kernel);
        const cg = spec.c / (spec.groups || 1); // input channels per group
        const [x, w, b, y] = readF32(path.join(tmp, spec.data), [spec.n * s * spec.c, k * cg * spec.f, spec.f, spec.n * so * spec.f]);
        Object.assign(L, { x: toChannelsFirst(x, spec.n, s, spec.c), w: kerasToOnnx(w, k, cg, spec.f), b: new Float32Array(b), y, outC: spec.f });
      } else {
        const [x, y] = readF32(path.join(tmp, spec.data), [spec.n * s * spec.c, spec.n * so * spec.c]);
        Object.assign(L, { x: toChannelsFirst(x, spec.n, s, spec.c), y, outC: spec.c });
      }
      // Enough replicas that one run holds about 2 ms of work (at 50
      // GFLOP/s or 20 GB/s), at most 64.
      const est = spec.flops ? spec.flops / 50e9 : spec.bytes / 20e9;
      L.replicas = Math.max(1, Math.min(64, Math.ceil(2e-3 / est)));
      layers.push(L);
    }
  }
  if (layers.length === 0) fail(`no layer matches -filter ${args.filter}`);
  return { layers, bins };
}

// check compares onnxruntime's first output (channels first) with the
// library's (channels last) and returns the largest difference relative to
// the largest output magnitude.
function check(L, out) {
  const { spec } = L;
  const s = prod(spec.out);
  const c = L.outC;
  let maxDiff = 0;
  let maxAbs = 0;
  for (let b = 0; b < spec.n; b++) {
    for (let i = 0; i < s; i++) {
      for (let ch = 0; ch < c; ch++) {
        const g = L.y[(b * s + i) * c + ch];
        const o = out[(b * c + ch) * s + i];
        maxDiff = Math.max(maxDiff, Math.abs(g - o));
        maxAbs = Math.max(maxAbs, Math.abs(g));
      }
    }
  }
  return maxDiff / Math.max(maxAbs, 1e-30);
}

async function session(bytes, threads, level) {
  return ort.InferenceSession.create(bytes, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: level,
  });
}

// timeRuns returns the mean wall and CPU seconds (user and system, every
// thread of the process) of one run of sess over about `seconds`.
async function timeRuns(sess, feeds, seconds) {
  for (let i = 0; i < 2; i++) await sess.run(feeds);
  let n = 0;
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let el = 0;
  while (n < 3 || el < seconds) {
    await sess.run(feeds);
    n++;
    el = Number(process.hrtime.bigint() - t0) / 1e9;
  }
  const c = process.cpuUsage(c0);
  return { wall: el / n, cpu: (c.user + c.system) / 1e6 / n };
}

// goBench runs one test binary's benchmarks and returns seconds per op by
// "name/cpu" and the FMA peak samples.
function goBench(bin, pattern, cpus, args) {
  const out = execFileSync(bin, ['-test.run', '^$', '-test.bench', pattern, '-test.cpu', cpus, '-test.benchtime', `${args.time}s`], {
    cwd: path.dirname(bin),
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const res = {};
  for (const line of out.split('\n')) {
    const m = /^Benchmark(\S+?)(?:-(\d+))?\s+\d+\s+([\d.]+) ns\/op(.*)$/.exec(line);
    if (!m) continue;
    const key = `${m[1]}/${m[2] || 1}`;
    const gf = /([\d.]+) GFLOP\/s/.exec(m[4]);
    const cpu = /([\d.]+) cpu-ns\/op/.exec(m[4]);
    res[key] = { sec: Number(m[3]) / 1e9, gflops: gf ? Number(gf[1]) : 0, cpu: cpu ? Number(cpu[1]) / 1e9 : 0 };
  }
  return res;
}

const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function fmtTime(s) {
  if (s < 1e-3) return `${(s * 1e6).toFixed(1)} µs`;
  return `${(s * 1e3).toFixed(2)} ms`;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ortbench-'));
  try {
    const loadStart = os.loadavg();
    const { layers, bins } = loadLayers(args, tmp);
    const threads = [1, 2];

    // Sessions, checked once against the library's output.
    process.stderr.write('building sessions and checking outputs…\n');
    const idSess = {};
    for (const t of threads) idSess[t] = await session(identityModel(), t, 'all');
    const idFeeds = { x: new ort.Tensor('float32', new Float32Array(1), [1]) };
    for (const L of layers) {
      const { spec } = L;
      L.feeds = { x: new ort.Tensor('float32', L.x, [spec.n, spec.c, ...spec.in]) };
      const bytes = layerModel(spec, L.replicas, L.w, L.b);
      L.sess = {};
      for (const t of threads) {
        for (const lvl of args.levels) {
          const s = await session(bytes, t, lvl);
          const out = await s.run(L.feeds);
          const rel = check(L, out.y0.data);
          L.maxRel = Math.max(L.maxRel || 0, rel);
          if (!(rel <= 1e-5)) {
            throw new Error(`${spec.name}: onnxruntime (threads ${t}, level ${lvl}) differs from convlings by ${rel.toExponential(2)} of the largest output`);
          }
          L.sess[`${t}/${lvl}`] = s;
        }
      }
    }

    // Rounds: Go (conv, pool, FMA peak), then onnxruntime, interleaved.
    // Every sample is {wall, cpu} seconds per layer.
    const samples = { peak: [], peakCPU: [], go: {}, ort: {}, ortLevel: {}, overhead: {} };
    const convNames = layers.filter((L) => L.pkg === 'conv').map((L) => L.spec.name);
    const poolNames = layers.filter((L) => L.pkg === 'pool').map((L) => L.spec.name);
    const alt = (names) => names.map((n) => n.replace(/[^A-Za-z0-9_]/g, '.')).join('|');
    const push = (obj, name, t, v) => ((obj[name] ||= {})[t] ||= []).push(v);
    for (let r = 0; r < args.rounds; r++) {
      process.stderr.write(`round ${r + 1}/${args.rounds}\n`);
      const res = {
        ...goBench(bins.conv, '^BenchmarkFMAPeak$', '1', args),
        ...(convNames.length ? goBench(bins.conv, `^BenchmarkLayers$/^(${alt(convNames)})$`, '1,2', args) : {}),
        ...(poolNames.length ? goBench(bins.pool, `^BenchmarkLayers$/^(${alt(poolNames)})$`, '1,2', args) : {}),
      };
      const pk = res['FMAPeak/1'];
      samples.peak.push(pk ? pk.gflops : NaN);
      // The peak loop's flops over its CPU time: the peak a thread reaches
      // while it runs, whatever the machine's load.
      samples.peakCPU.push(pk && pk.cpu ? (pk.gflops * pk.sec) / pk.cpu : NaN);
      for (const t of threads) {
        const oh = await timeRuns(idSess[t], idFeeds, Math.min(args.time, 0.1));
        (samples.overhead[t] ||= []).push(oh);
        for (const L of layers) {
          const name = L.spec.name;
          const g = res[`Layers/${name}/${t}`];
          if (!g) throw new Error(`no Go result for ${name} with -cpu ${t}`);
          push(samples.go, name, t, { wall: g.sec, cpu: g.cpu });
          let best = null;
          let bestLvl = '';
          for (const lvl of args.levels) {
            const run = await timeRuns(L.sess[`${t}/${lvl}`], L.feeds, args.time);
            const per = {
              wall: Math.max(run.wall - oh.wall, run.wall / 2) / L.replicas,
              cpu: Math.max(run.cpu - oh.cpu, run.cpu / 2) / L.replicas,
            };
            if (!best || per.wall < best.wall) [best, bestLvl] = [per, lvl];
          }
          push(samples.ort, name, t, best);
          push(samples.ortLevel, name, t, bestLvl);
        }
      }
    }
    const loadEnd = os.loadavg();

    // The table.
    const peak = median(samples.peak);
    const peakCPU = median(samples.peakCPU);
    const cpu = (os.cpus()[0] || {}).model || 'unknown CPU';
    const fmt = (a) => `${median(a).toFixed(1)} [${Math.min(...a).toFixed(1)}–${Math.max(...a).toFixed(1)}]`;
    console.log(`convlings vs onnxruntime ${ort.env.versions.common}, ${args.rounds} rounds, ${os.cpus().length} CPUs (${cpu})`);
    console.log(`FMA peak, 1 thread, same run: ${fmt(samples.peak)} GFLOP/s wall, ${fmt(samples.peakCPU)} GFLOP/s of CPU time`);
    console.log(`load average before ${loadStart.map((v) => v.toFixed(2)).join(' ')}, after ${loadEnd.map((v) => v.toFixed(2)).join(' ')}`);
    console.log(`onnxruntime per-run overhead subtracted (wall): ${threads.map((t) => `${t}T ${fmtTime(median(samples.overhead[t].map((o) => o.wall)))}`).join(', ')}`);
    console.log('speedup = onnxruntime time / convlings time per round, median [min–max] over rounds; above 1: convlings is faster.');
    console.log('wall: elapsed time. cpu: CPU time of the process, which a busy machine disturbs far less (1 thread only).');
    console.log('%peak: convlings 1-thread GFLOP/s of CPU time / the FMA peak of CPU time.');
    console.log('');
    const head = ['layer', 'conv 1T', 'ORT 1T', 'wall 1T', 'cpu 1T', 'conv 2T', 'ORT 2T', 'wall 2T', '%peak'];
    const rows = [head];
    const summary = [];
    const ratio = (rs) => `${median(rs).toFixed(2)}× [${Math.min(...rs).toFixed(2)}–${Math.max(...rs).toFixed(2)}]`;
    for (const L of layers) {
      const name = L.spec.name;
      const row = [name];
      const entry = { name, levels: samples.ortLevel[name] };
      for (const t of threads) {
        const go = samples.go[name][t];
        const ox = samples.ort[name][t];
        const wall = go.map((g, i) => ox[i].wall / g.wall);
        row.push(fmtTime(median(go.map((g) => g.wall))), fmtTime(median(ox.map((o) => o.wall))), ratio(wall));
        entry[`wall${t}`] = median(wall);
        if (t === 1) {
          const c = go.map((g, i) => ox[i].cpu / g.cpu);
          row.push(go.every((g) => g.cpu > 0) ? ratio(c) : '–');
          entry.cpu1 = median(c);
        }
      }
      const goCPU = median(samples.go[name][1].map((g) => g.cpu));
      row.push(L.spec.flops && goCPU > 0 ? `${((L.spec.flops / goCPU / 1e9 / peakCPU) * 100).toFixed(0)}%` : '–');
      rows.push(row);
      summary.push(entry);
    }
    const widths = head.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
    const behind = (k) => summary.filter((e) => e[k] < 1).map((e) => e.name);
    console.log('');
    for (const [k, what] of [['wall1', '1 thread, wall'], ['cpu1', '1 thread, CPU time'], ['wall2', '2 threads, wall']]) {
      const b = behind(k);
      console.log(`${what}: ${b.length ? `below 1.0× (median): ${b.join(', ')}` : 'every layer at or above 1.0× (median)'}`);
    }
    console.log(`largest difference from onnxruntime's output: ${Math.max(...layers.map((L) => L.maxRel)).toExponential(2)} of the largest output value`);
    if (args.json) fs.writeFileSync(args.json, JSON.stringify({ peak: samples.peak, loadStart, loadEnd, samples, summary }, null, 1));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`ortbench: ${e.stack || e}\n`);
  process.exit(1);
});
