/** Free loopback ports, asked of the kernel, so concurrent runs (other engineers, CI) never collide on fixed ports. */
import { createServer } from "node:net";

export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.unref();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const address = server.address();
            const port = typeof address === "object" && address ? address.port : 0;
            server.close(() => (port > 0 ? resolve(port) : reject(new Error("the kernel gave no port"))));
        });
    });
}
