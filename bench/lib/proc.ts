/** Child processes of the benchmarks: a server that prints `READY <url>` once it listens. */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

export interface Child {
  proc: ChildProcess;
  url: string;
  /** Resident set size in MB (Linux /proc), or null when not readable. */
  rssMb(): number | null;
  stop(): Promise<void>;
}

export async function startChild(script: string, env: Record<string, string>, timeoutMs = 120_000): Promise<Child> {
  const prof = process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const proc = spawn(process.execPath, [...prof, "--import", "tsx", script], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  proc.stderr!.on("data", (d: Buffer) => {
    err = (err + d.toString()).slice(-4000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const t = setTimeout(() => reject(new Error(`${script}: not ready after ${timeoutMs} ms\n${err}`)), timeoutMs);
    proc.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /READY (\S+)/.exec(out);
      if (m) {
        clearTimeout(t);
        resolve(m[1]!);
      }
    });
    proc.on("exit", (code) => {
      clearTimeout(t);
      reject(new Error(`${script} exited with ${code}\n${err}`));
    });
  });
  return {
    proc,
    url,
    rssMb: () => rssMb(proc.pid!),
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once("exit", () => resolve());
        proc.kill("SIGTERM");
        setTimeout(() => proc.exitCode === null && proc.kill("SIGKILL"), 8_000).unref();
      }),
  };
}

export function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}
