import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { checkDockerLoopbackPorts } from "../../policy/rules/dockerLoopbackPorts";
import { DOCKER_CONTAINER } from "../../policy/rules/resourceTypes";
import { dockerGatewayContainer, dockerPostgresContainer } from "./fixtures";

function withPorts(ports: unknown[]): Record<string, unknown> {
    return { ...dockerGatewayContainer(), ports };
}

describe("docker-ports-loopback-only", () => {
    test("the gateway published on 127.0.0.1 passes", () => {
        assert.deepEqual(checkDockerLoopbackPorts(DOCKER_CONTAINER, dockerGatewayContainer()), []);
    });

    test("a container with no published ports (Postgres on the private network) passes", () => {
        assert.deepEqual(checkDockerLoopbackPorts(DOCKER_CONTAINER, dockerPostgresContainer()), []);
    });

    test("::1 and localhost count as loopback", () => {
        assert.deepEqual(checkDockerLoopbackPorts(DOCKER_CONTAINER, withPorts([{ internal: 4000, external: 4000, ip: "::1" }, { internal: 4001, ip: "localhost" }])), []);
    });

    test("a port with external but no ip fails: Docker binds 0.0.0.0", () => {
        const [message] = checkDockerLoopbackPorts(DOCKER_CONTAINER, withPorts([{ internal: 4000, external: 4000 }]));
        assert.match(message, /container port 4000 on host port 4000 at 0\.0\.0\.0/);
        assert.match(message, /Fix: set `ip: "127\.0\.0\.1"`/);
    });

    test("ip 0.0.0.0 fails", () => {
        assert.equal(checkDockerLoopbackPorts(DOCKER_CONTAINER, withPorts([{ internal: 5432, external: 5432, ip: "0.0.0.0" }])).length, 1);
    });

    test("a port with neither external nor ip fails: Docker picks a random host port on 0.0.0.0", () => {
        const [message] = checkDockerLoopbackPorts(DOCKER_CONTAINER, withPorts([{ internal: 4000 }]));
        assert.match(message, /a random host port/);
    });

    test("only the offending entries are reported", () => {
        const messages = checkDockerLoopbackPorts(DOCKER_CONTAINER, withPorts([{ internal: 4000, external: 4000, ip: "127.0.0.1" }, { internal: 9090, external: 9090, ip: "192.168.1.10" }]));
        assert.equal(messages.length, 1);
        assert.match(messages[0], /^ports\[1\]/);
    });
});
