/**
 * Spans as real LiteLLM 1.108.7 exported them to otlp-receiver/receiver.py (measured 2026-12-07; attributes
 * trimmed to those the checks and the suite read, values as received). Key "explore-key", key tags
 * team-a and explore-tag, request tag hdr-tag (`x-litellm-tags`), prompt "Marker zzmark123 say OK".
 */
import type { ReceivedSpan } from "../../verify/otel/receiver-client";

/** The `otel` callback's `litellm_request` span. */
export const REAL_OTEL_SPAN: ReceivedSpan = {
    "traceId": "a5f2f493b47c820e917f37d10761e4c5",
    "spanId": "991a6792f80d80a3",
    "parentSpanId": "1cc97d3edfd3f5c3",
    "name": "litellm_request",
    "startTimeUnixNano": "1796607752915548928",
    "endTimeUnixNano": "1796607753072855040",
    "attributes": {
        "metadata.user_api_key_hash": "986438bfeda227d087bc76486493b5d222a489f0f6f023d4f18acc31d0f4b9b7",
        "metadata.user_api_key_alias": "explore-key",
        "metadata.user_api_key_request_route": "/chat/completions",
        "metadata.applied_guardrails": "[]",
        "metadata.requester_custom_headers": "{'x-litellm-tags': 'hdr-tag'}",
        "metadata.user_api_key_auth_metadata": "{'tags': ['team-a', 'explore-tag']}",
        "http.route": "/chat/completions",
        "litellm.model_group": "chat",
        "litellm.provider.model": "openai/stub-model",
        "gen_ai.request.model": "stub-model",
        "gen_ai.system": "openai",
        "gen_ai.response.id": "chatcmpl-stub-959d15a0-2208-482f-be68-bf200a8a5279",
        "litellm.call_id": "67b41738-a4a2-4cb5-ab81-57638ee37dca",
        "gen_ai.response.model": "chat",
        "gen_ai.usage.total_tokens": 12,
        "gen_ai.usage.output_tokens": 5,
        "gen_ai.usage.input_tokens": 7,
        "gen_ai.input.messages": "[{\"role\": \"user\", \"parts\": [{\"type\": \"text\", \"content\": \"Marker zzmark123 say OK\"}]}]",
        "gen_ai.operation.name": "acompletion",
        "gen_ai.output.messages": "[{\"role\": \"assistant\", \"parts\": [{\"type\": \"text\", \"content\": \"echo: Marker zzmark123 say OK\"}], \"finish_reason\": \"stop\"}]"
    },
    "resource": {
        "service.name": "litellm"
    },
    "receivedAtMs": 1796607754646
};

/** The `langfuse_otel` callback's generation span (what Langfuse ingests at /api/public/otel/v1/traces). */
export const REAL_LANGFUSE_SPAN: ReceivedSpan = {
    "traceId": "1b12baccac92623928024c8187b1aae9",
    "spanId": "15e714b59f12303c",
    "parentSpanId": "",
    "name": "litellm_request",
    "startTimeUnixNano": "1796607862455461120",
    "endTimeUnixNano": "1796607862624376064",
    "attributes": {
        "openinference.span.kind": "LLM",
        "metadata": "{\"user_api_key_hash\": \"341dc49994d6b1793970643af9a3a8e9b45858319568f94f80c148ef2d0f6c4a\", \"user_api_key_alias\": \"explore-key\", \"user_api_key_spend\": 0.0, \"user_api_key_max_budget\": null, \"user_api_key_budget_reset_at\": null, \"user_api_key_user_spend\": null, \"user_api_key_user_max_budget\": null, \"user_api_key_team_spend\": null, \"user_api_key_team_max_budget\": null, \"user_api_key_team_id\": null, \"user_api_key_org_id\": null, \"user_api_key_org_alias\": null, \"user_api_key_project_id\": null, \"user_api_key_project_alias\": null, \"user_api_key_user_id\": null, \"user_api_key_team_alias\": null, \"user_api_key_user_email\": null, \"user_api_key_end_user_id\": null, \"user_api_key_request_route\": \"/chat/completions\", \"spend_logs_metadata\": null, \"requester_ip_address\": \"127.0.0.1\", \"user_agent\": \"node\", \"requester_metadata\": {\"headers\": {\"host\": \"127.0.0.1:43885\", \"connection\": \"keep-alive\", \"content-type\": \"application/json\", \"x-litellm-tags\": \"hdr-tag\", \"accept\": \"*/*\", \"accept-language\": \"*\", \"sec-fetch-mode\": \"cors\", \"user-agent\": \"node\", \"accept-encoding\": \"gzip, deflate\", \"content-length\": \"96\"}, \"used_client_oauth_token\": false}, \"prompt_management_metadata\": null, \"applied_guardrails\": [], \"mcp_tool_call_metadata\": null, \"vector_store_request_metadata\": null, \"routing_decision\": null, \"usage_object\": {\"completion_tokens\": 5, \"prompt_tokens\": 7, \"total_tokens\": 12, \"completion_tokens_details\": null, \"prompt_tokens_details\": null}, \"requester_custom_headers\": {\"x-litellm-tags\": \"hdr-tag\"}, \"cold_storage_object_key\": null, \"user_api_key_auth_metadata\": {\"tags\": [\"team-a\", \"explore-tag\"]}, \"team_alias\": null, \"team_id\": null, \"used_client_oauth_token\": false}",
        "llm.model_name": "stub-model",
        "llm.request.type": "acompletion",
        "llm.provider": "openai",
        "llm.request.max_tokens": 5,
        "llm.is_streaming": "False",
        "llm.response.id": "chatcmpl-stub-d08b49fc-7d93-4e5e-9bbe-87f516d08130",
        "llm.response.model": "chat",
        "llm.invocation_parameters": "{\"stream\": false, \"max_tokens\": 5}",
        "output.value": "echo: Marker zzmark123 say OK",
        "llm.output_messages.0.message.role": "assistant",
        "llm.output_messages.0.message.content": "echo: Marker zzmark123 say OK",
        "llm.token_count.total": 12,
        "llm.token_count.completion": 5,
        "llm.token_count.prompt": 7,
        "litellm.trace_id": "e28fac48-84a8-40b6-8886-5fdd9215a122",
        "litellm.key_alias": "explore-key",
        "llm.cost.total": 0.00017,
        "llm.response.cost": 0.00017,
        "langfuse.observation.type": "generation",
        "langfuse.trace.tags": "[\"team-a\", \"explore-tag\", \"hdr-tag\"]",
        "langfuse.observation.input": "[{\"role\": \"user\", \"content\": \"Marker zzmark123 say OK\"}]",
        "langfuse.observation.output": "{\"role\": \"assistant\", \"content\": \"echo: Marker zzmark123 say OK\"}"
    },
    "resource": {
        "service.name": "litellm"
    },
    "receivedAtMs": 1796607867772
};
