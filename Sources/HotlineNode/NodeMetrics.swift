import Prometheus

/// The node's Prometheus metrics, in a registry of its own (two nodes can share a process in
/// tests). Served at `/metrics` on the API listener.
public final class NodeMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()

    public init() {}

    func entriesAppended(peer: String) -> Counter {
        registry.makeCounter(name: "hotline_entries_appended_total", labels: [("peer", peer)])
    }

    func entriesReceived(peer: String) -> Counter {
        registry.makeCounter(name: "hotline_entries_received_total", labels: [("peer", peer)])
    }

    func batchesReceived(peer: String) -> Counter {
        registry.makeCounter(name: "hotline_batches_received_total", labels: [("peer", peer)])
    }

    func logSize(_ origin: String) -> Gauge {
        registry.makeGauge(name: "hotline_log_size", labels: [("log", origin)])
    }

    func cosignedSize(_ origin: String) -> Gauge {
        registry.makeGauge(name: "hotline_cosigned_size", labels: [("log", origin)])
    }

    func lastCosignature(_ origin: String) -> Gauge {
        registry.makeGauge(name: "hotline_last_cosignature_timestamp_seconds", labels: [("log", origin)])
    }

    func securityEvents(kind: String) -> Counter {
        registry.makeCounter(name: "hotline_security_events_total", labels: [("kind", kind)])
    }

    func alarms() -> Gauge {
        registry.makeGauge(name: "hotline_open_alarms", labels: [])
    }

    func linkFailures(peer: String) -> Counter {
        registry.makeCounter(name: "hotline_link_failures_total", labels: [("peer", peer)])
    }

    public func text() -> String { registry.emitToString() }
}
