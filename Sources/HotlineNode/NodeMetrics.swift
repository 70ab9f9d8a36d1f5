import Prometheus

/// The node's Prometheus metrics, in a registry of its own (two nodes can share a process in
/// tests). Served at `/metrics` on the API listener; docs/OPERATIONS.md lists them.
public final class NodeMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()

    public init() {}

    private func counter(_ name: String, _ help: String, _ labels: [(String, String)]) -> Counter {
        registry.makeCounter(descriptor: MetricNameDescriptor(namespace: "hotline", metricName: name, unitName: "total", helpText: help),
                             labels: labels)
    }

    private func gauge(_ name: String, unit: String = "", _ help: String, _ labels: [(String, String)]) -> Gauge {
        registry.makeGauge(descriptor: MetricNameDescriptor(namespace: "hotline", metricName: name, unitName: unit, helpText: help),
                           labels: labels)
    }

    func entriesAppended(peer: String) -> Counter {
        counter("entries_appended", "Entries appended to our log for a paired side.", [("peer", peer)])
    }

    func entriesReceived(peer: String) -> Counter {
        counter("entries_received", "Entries of a paired side's log received, checked and stored.", [("peer", peer)])
    }

    func batchesReceived(peer: String) -> Counter {
        counter("batches_received", "Batches of a paired side's entries stored.", [("peer", peer)])
    }

    func logSize(_ origin: String) -> Gauge {
        gauge("log_size", "Entries in a log (ours, or our replica of the other side's).", [("log", origin)])
    }

    func cosignedSize(_ origin: String) -> Gauge {
        gauge("cosigned_size", "The largest size of a log covered by a cosignature (a receipt held or given).", [("log", origin)])
    }

    func lastCosignature(_ origin: String) -> Gauge {
        gauge("last_cosignature_timestamp", unit: "seconds", "When the latest cosignature on a log was made (POSIX time).", [("log", origin)])
    }

    func securityEvents(kind: String) -> Counter {
        counter("security_events", "Requests refused from a peer, and alarms, by kind.", [("kind", kind)])
    }

    func alarms() -> Gauge {
        gauge("open_alarms", "Alarms awaiting an operator; deliveries from that side are stopped.", [])
    }

    func overdueAcknowledgements() -> Gauge {
        gauge("overdue_acknowledgements", "Entries of the other side past their acknowledgement deadline, escalated to the deputies.", [])
    }

    func linkFailures(peer: String) -> Counter {
        counter("link_failures", "Rounds of the link to a paired side that failed.", [("peer", peer)])
    }

    public func text() -> String { registry.emitToString() }
}
