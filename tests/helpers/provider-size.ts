/**
 * What every dynamic resource of a stack stores: its inputs, which carry the serialized provider
 * (`__provider`), and its outputs, which carry it again. The budget per resource type is part of the
 * provider's contract (issue 22: 317 KB of axios per key made a 300-key checkpoint about 200 MB).
 */
import type { RecordedResource } from "./mocks";
import { unwrap } from "./mocks";

/** Bytes of serialized inputs allowed per dynamic resource type. Every dynamic type must be listed. */
export const DYNAMIC_INPUT_BUDGET: Record<string, number> = {
    "pulumi-nodejs:dynamic/access:LiteLLMTeam": 20 * 1024,
    "pulumi-nodejs:dynamic/access:LiteLLMKey": 20 * 1024,
    "pulumi-nodejs:dynamic/verification:GatewayVerificationRun": 50 * 1024,
};

export interface DynamicSize {
    type: string;
    name: string;
    /** UTF-8 bytes of the serialized provider. */
    providerBytes: number;
    /** UTF-8 bytes of every input as JSON, the provider included: what the state stores. */
    inputBytes: number;
}

export function dynamicSizes(resources: readonly RecordedResource[]): DynamicSize[] {
    return resources
        .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"))
        .map((r) => {
            const inputs = unwrap(r.inputs) as Record<string, unknown>;
            return { type: r.type, name: r.name, providerBytes: Buffer.byteLength(String(inputs.__provider ?? "")), inputBytes: Buffer.byteLength(JSON.stringify(inputs)) };
        });
}

/** One line per resource over its budget, or of a type without one. */
export function overBudget(sizes: readonly DynamicSize[]): string[] {
    return sizes.flatMap((s) => {
        const budget = DYNAMIC_INPUT_BUDGET[s.type];
        if (budget === undefined) return [`${s.name}: ${s.type} has no size budget (add it to DYNAMIC_INPUT_BUDGET)`];
        return s.inputBytes > budget ? [`${s.name}: ${s.inputBytes} bytes of inputs (provider ${s.providerBytes}) > ${budget}`] : [];
    });
}

/** The figures as a benchmark line (never a pass/fail on their own). */
export function sizeReport(sizes: readonly DynamicSize[]): string {
    return sizes.map((s) => `${s.type.split(":").pop()} ${s.name}: provider ${(s.providerBytes / 1024).toFixed(1)} KB, inputs ${(s.inputBytes / 1024).toFixed(1)} KB`).join("\n");
}
