"""
A small OTLP/HTTP trace receiver with a query API: what the `otel-trace` check reads.

It decodes what exporters really send with OpenTelemetry's own protobuf classes (`opentelemetry-proto`,
which the OTLP exporter LiteLLM uses depends on), so a span that reaches it went through the same wire
format a collector, Tempo or Langfuse would parse. Stdlib HTTP server, nothing else.

  POST <any path ending in /v1/traces>   OTLP/HTTP, application/x-protobuf or application/json, gzip or not
  GET  /api/spans?since=<epoch ms>       {"spans": [...]}: every span received since then, oldest first
  GET  /api/exports?since=<epoch ms>     {"exports": [...]}: every POST (path, status, content type, headers)
  GET  /health                           {"status": "ok"}

Exports to any other path are answered 404 and still listed, so a wrong path shows up as such. The
Authorization header is never stored: only its scheme and the sha256 of the whole value, enough to prove
which credentials were sent. Spans are kept in memory, newest MAX_SPANS only.

Run: python receiver.py --host 127.0.0.1 --port 4318
"""
import argparse
import gzip
import hashlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from google.protobuf import json_format
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)

MAX_SPANS = 20000
MAX_EXPORTS = 2000
# Headers worth reporting as sent (never Authorization, handled apart).
REPORTED_HEADERS = ("content-type", "content-encoding", "user-agent", "x-langfuse-ingestion-version")

_lock = threading.Lock()
_spans = []
_exports = []


def any_value(v):
    """An OTLP AnyValue as plain JSON."""
    kind = v.WhichOneof("value")
    if kind is None:
        return None
    if kind == "array_value":
        return [any_value(x) for x in v.array_value.values]
    if kind == "kvlist_value":
        return {kv.key: any_value(kv.value) for kv in v.kvlist_value.values}
    if kind == "bytes_value":
        return v.bytes_value.hex()
    if kind == "int_value":
        return int(v.int_value)
    return getattr(v, kind)


def attributes(kvs):
    return {kv.key: any_value(kv.value) for kv in kvs}


def flatten(request, received_ms, export_index):
    out = []
    for rs in request.resource_spans:
        resource = attributes(rs.resource.attributes)
        for ss in rs.scope_spans:
            for s in ss.spans:
                out.append(
                    {
                        "traceId": s.trace_id.hex(),
                        "spanId": s.span_id.hex(),
                        "parentSpanId": s.parent_span_id.hex(),
                        "name": s.name,
                        "kind": int(s.kind),
                        # Strings: nanoseconds overflow JavaScript's safe integers.
                        "startTimeUnixNano": str(s.start_time_unix_nano),
                        "endTimeUnixNano": str(s.end_time_unix_nano),
                        "attributes": attributes(s.attributes),
                        "status": {"code": int(s.status.code), "message": s.status.message},
                        "resource": resource,
                        "scope": ss.scope.name,
                        "receivedAtMs": received_ms,
                        "exportIndex": export_index,
                    }
                )
    return out


def authorization_summary(value):
    if value is None:
        return None
    return {"scheme": value.split(" ", 1)[0], "sha256": hashlib.sha256(value.encode()).hexdigest()}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # one line per request, on stderr, without headers
        super().log_message(fmt, *args)

    def _send(self, status, body, content_type="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        received_ms = int(time.time() * 1000)
        url = urlparse(self.path)
        raw = self.rfile.read(int(self.headers.get("content-length") or 0))
        content_type = (self.headers.get("content-type") or "").split(";")[0].strip().lower()
        export = {
            "receivedAtMs": received_ms,
            "path": url.path,
            "contentType": content_type,
            "headers": {h: self.headers.get(h) for h in REPORTED_HEADERS if self.headers.get(h) is not None},
            "authorization": authorization_summary(self.headers.get("authorization")),
            "spanCount": 0,
        }
        status, reply, error = 200, None, None
        if not url.path.endswith("/v1/traces"):
            status, error = 404, "not an OTLP traces path (want .../v1/traces)"
        else:
            try:
                if (self.headers.get("content-encoding") or "").lower() == "gzip":
                    raw = gzip.decompress(raw)
                request = ExportTraceServiceRequest()
                if content_type == "application/x-protobuf":
                    request.ParseFromString(raw)
                elif content_type == "application/json":
                    json_format.Parse(raw.decode("utf-8"), request)
                else:
                    raise ValueError(f"unsupported content type {content_type!r}")
            except Exception as e:  # noqa: BLE001  # a bad body is the exporter's fault: answer 400, list it
                status, error = 400, f"undecodable OTLP body: {e}"
            else:
                with _lock:
                    spans = flatten(request, received_ms, len(_exports))
                    export["spanCount"] = len(spans)
                    _spans.extend(spans)
                    del _spans[:-MAX_SPANS]
                reply = ExportTraceServiceResponse()
        export["status"] = status
        if error:
            export["error"] = error
        with _lock:
            _exports.append(export)
            del _exports[:-MAX_EXPORTS]
        if reply is None:
            return self._send(status, {"error": error})
        if content_type == "application/json":
            return self._send(200, json_format.MessageToJson(reply).encode())
        return self._send(200, reply.SerializeToString(), "application/x-protobuf")

    def do_GET(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        try:
            since = int((query.get("since") or ["0"])[0])
        except ValueError:
            return self._send(400, {"error": "since must be epoch milliseconds"})
        if url.path == "/health":
            return self._send(200, {"status": "ok"})
        with _lock:
            if url.path == "/api/spans":
                return self._send(200, {"spans": [s for s in _spans if s["receivedAtMs"] >= since]})
            if url.path == "/api/exports":
                return self._send(200, {"exports": [e for e in _exports if e["receivedAtMs"] >= since]})
        return self._send(404, {"error": "not found"})


def main():
    parser = argparse.ArgumentParser(description="OTLP/HTTP trace receiver with a query API")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=4318)
    args = parser.parse_args()
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    print(f"otlp-receiver listening on http://{args.host}:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
