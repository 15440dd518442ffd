import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import net from "node:net";
import path from "node:path";

/** Debian's tinyproxy (installed by .ci/run); tests that need it skip with a message when it is missing. */
export const TINYPROXY = ["/usr/bin/tinyproxy", "/usr/sbin/tinyproxy"].find((candidate) => existsSync(candidate));

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A real HTTP proxy on 127.0.0.1 (tinyproxy in the foreground, generated config, log in `dir`), so a test can
 * show from the proxy's own log that requests went through it. `basicAuth` makes it demand credentials.
 */
export class TinyProxy {
  url = "";
  private child: ChildProcess | undefined;

  constructor(private readonly dir: string) {}

  get logPath(): string {
    return path.join(this.dir, "tinyproxy.log");
  }

  async start(options: { basicAuth?: { user: string; password: string } } = {}): Promise<this> {
    if (TINYPROXY === undefined) throw new Error("tinyproxy is not installed (apt-get install -y tinyproxy)");
    const port = await freePort();
    const config = [
      `Port ${port}`,
      "Listen 127.0.0.1",
      "Timeout 30",
      `LogFile "${this.logPath}"`,
      "LogLevel Info",
      "MaxClients 50",
      "Allow 127.0.0.1",
      ...(options.basicAuth ? [`BasicAuth ${options.basicAuth.user} ${options.basicAuth.password}`] : []),
    ].join("\n");
    const configPath = path.join(this.dir, "tinyproxy.conf");
    await fs.writeFile(configPath, `${config}\n`);
    // -d: stay in the foreground (no daemon), so the test owns the process and stops it by its pid.
    this.child = spawn(TINYPROXY, ["-d", "-c", configPath], { stdio: "ignore" });
    for (let i = 0; i < 100; i++) {
      if (await canConnect(port)) {
        this.url = `http://127.0.0.1:${port}`;
        return this;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("tinyproxy did not start listening");
  }

  /** The CONNECT and plain requests tinyproxy logged (`CONNECT 127.0.0.1:1234 HTTP/1.1`, `GET http://... HTTP/1.1`). */
  async requests(): Promise<string[]> {
    const log = await fs.readFile(this.logPath, "utf8").catch(() => "");
    return [...log.matchAll(/Request \(file descriptor \d+\): (.+)$/gm)].map((match) => match[1]!.trim());
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child?.pid === undefined || child.exitCode !== null) return;
    const closed = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await closed;
  }
}

async function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
