// A stand-in API for the client-overhead suite, run in its own process so that its work does not share the
// measuring process's event loop. Listens on 127.0.0.1 (port 0 = any free port), answers every request with a fixed
// JSON body (JD's envelope under /v1/, the RDS v3 body elsewhere) and prints {"port": n} on stdout when ready.
// Plain JavaScript so that it starts with `node` alone. Exits when its parent goes away (stdin closes).
import http from "node:http";

const [rdsBody, jdBody] = JSON.parse(process.argv[2] ?? "[{},{}]").map((value) => Buffer.from(JSON.stringify(value)));

const server = http.createServer((request, response) => {
  // Drain any request body first: the POST cases send one.
  request.resume();
  request.on("end", () => {
    const body = request.url?.startsWith("/v1/") ? jdBody : rdsBody;
    response.writeHead(200, {
      "content-type": "application/json",
      "content-length": body.length,
      "x-request-id": "bench-request-id",
      "x-jdcloud-request-id": "bench-request-id",
    });
    response.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 })}\n`);
});
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
