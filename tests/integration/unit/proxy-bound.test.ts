/** A proxy is ready only when its own log says it serves on its port: another process may answer there first. */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { boundByThisProxy } from "../gateway/proxy";

describe("proxy readiness is the proxy's own", () => {
    it("needs uvicorn's line for exactly this port in this proxy's log", () => {
        const log = join(mkdtempSync(join(tmpdir(), "proxy-bound-")), "p.log");
        assert.equal(boundByThisProxy(log, 4000), false, "no log yet");
        writeFileSync(log, "INFO:     Waiting for application startup.\n");
        assert.equal(boundByThisProxy(log, 4000), false);
        writeFileSync(log, "INFO:     Uvicorn running on http://127.0.0.1:40001 (Press CTRL+C to quit)\n");
        assert.equal(boundByThisProxy(log, 4000), false, "another port is not this one");
        assert.equal(boundByThisProxy(log, 40001), true);
    });
});
