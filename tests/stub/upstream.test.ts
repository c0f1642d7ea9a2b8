import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import axios from "axios";
import { createStubUpstream, countTokens, StubUpstream } from "../../stub/upstream";

describe("stub upstream", () => {
    let stub: StubUpstream;
    let url: string;
    before(async () => {
        stub = createStubUpstream({ failingModels: ["stub-fail"] });
        url = await stub.listen();
    });
    after(() => stub.close());

    const chat = (body: unknown, headers: Record<string, string> = {}) =>
        axios.post(`${url}/chat/completions`, body, { headers, validateStatus: () => true });

    test("answers with an OpenAI chat.completion whose usage counts what it received and returned", async () => {
        const messages = [
            { role: "system", content: "be brief" },
            { role: "user", content: "hello there stub" },
        ];
        const res = await chat({ model: "stub-model", messages, max_tokens: 50 });
        assert.equal(res.status, 200);
        assert.equal(res.data.object, "chat.completion");
        assert.match(res.data.id, /^chatcmpl-/);
        const content: string = res.data.choices[0].message.content;
        assert.equal(content, "echo: hello there stub");
        const expectedPrompt = countTokens("be brief") + 3 + countTokens("hello there stub") + 3;
        assert.equal(res.data.usage.prompt_tokens, expectedPrompt);
        assert.equal(res.data.usage.completion_tokens, countTokens(content));
        assert.equal(res.data.usage.total_tokens, expectedPrompt + countTokens(content));
        assert.equal(res.data.choices[0].finish_reason, "stop");
    });

    test("max_tokens caps the completion and its usage", async () => {
        const res = await chat({ model: "stub-model", messages: [{ role: "user", content: "one two three four five" }], max_tokens: 2 });
        assert.equal(res.data.choices[0].message.content, "echo: one");
        assert.equal(res.data.usage.completion_tokens, 2);
        assert.equal(res.data.choices[0].finish_reason, "length");
    });

    test("reports the last user message it received, including list-of-parts content", async () => {
        await chat({ model: "stub-model", messages: [{ role: "user", content: [{ type: "text", text: "my SSN is <US_SSN>" }] }], max_tokens: 1 });
        const last = await axios.get(`${url.replace(/\/v1$/, "")}/stub/last-request`);
        assert.equal(last.data.lastUserMessage, "my SSN is <US_SSN>");
        assert.equal(last.data.model, "stub-model");
        assert.equal(stub.received[stub.received.length - 1].lastUserMessage, "my SSN is <US_SSN>");
    });

    test("a failing model always answers 500 with an OpenAI error body, and is still recorded", async () => {
        const before = stub.received.length;
        for (let i = 0; i < 2; i++) {
            const res = await chat({ model: "stub-fail", messages: [{ role: "user", content: "x" }] });
            assert.equal(res.status, 500);
            assert.equal(res.data.error.type, "server_error");
            assert.equal(res.data.error.code, "stub_failure");
        }
        assert.equal(stub.received.length, before + 2);
    });

    test("rejects malformed requests with 400", async () => {
        const res = await chat({ messages: [] });
        assert.equal(res.status, 400);
        assert.equal(res.data.error.type, "invalid_request_error");
    });

    test("streams when asked, with usage on the final chunk", async () => {
        const res = await axios.post(`${url}/chat/completions`, { model: "stub-model", stream: true, messages: [{ role: "user", content: "a b" }] }, { responseType: "text" });
        const events = String(res.data).split("\n\n").filter((e) => e.startsWith("data: ")).map((e) => e.slice(6));
        assert.equal(events[events.length - 1], "[DONE]");
        const final = JSON.parse(events[events.length - 2]);
        assert.equal(final.usage.completion_tokens, 3);
    });

    test("enforces its API key when one is configured", async () => {
        const locked = createStubUpstream({ apiKey: "stub-key" });
        const lockedUrl = await locked.listen();
        try {
            const denied = await axios.post(`${lockedUrl}/chat/completions`, { model: "m", messages: [] }, { validateStatus: () => true });
            assert.equal(denied.status, 401);
            const ok = await axios.post(`${lockedUrl}/chat/completions`, { model: "m", messages: [{ role: "user", content: "hi" }] }, { headers: { authorization: "Bearer stub-key" } });
            assert.equal(ok.status, 200);
        } finally {
            await locked.close();
        }
    });
});
