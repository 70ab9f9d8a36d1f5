import Foundation
import HotlineRules

/// The link's health over a window of time, drawn by the node as one self-contained SVG
/// (`GET /api/v1/link/plot.svg`): no scripts, no styles or fonts fetched from anywhere, every
/// text XML-escaped. Time runs along x (UTC); delivery rounds are dots at their latency (log
/// scale); heartbeats are ticks on a band of their own; failures are red crosses on another
/// band, with a faint red line through the latency area. Each mark carries
/// `class="delivery"`, `"heartbeat"` or `"failure"` and a `<title>` (shown on hover).
public enum LinkPlot {
    public enum Language: String, Sendable, CaseIterable {
        case en, ru
    }

    /// The longest window: a week.
    public static let maxMinutes = 10_080
    public static let defaultMinutes = 60

    // The layout, in SVG user units.
    static let width = 960.0, height = 412.0
    static let left = 78.0, right = 936.0
    static let latencyTop = 84.0, latencyBottom = 290.0
    static let heartbeatBand = (top: 302.0, bottom: 324.0)
    static let failureBand = (top: 330.0, bottom: 352.0)
    static let axis = 360.0

    static let deliveryColor = "#2563eb", heartbeatColor = "#4b5563", failureColor = "#dc2626"
    static let backgroundColor = "#ffffff", bandColor = "#f9fafb"
    static let gridColor = "#e5e7eb", axisColor = "#9ca3af", textColor = "#111827", quietColor = "#4b5563"

    /// The rounds of `samples` that ended in the `minutes` before `now`, for the link to `peer`
    /// (a display text, e.g. `us (Washington)`).
    public static func svg(samples: [LinkHistory.Sample], now: Date, minutes: Int, peer: String, language: Language) -> String {
        let minutes = min(max(minutes, 1), maxMinutes)
        let words = Words(language)
        let end = UInt64(max(0, (now.timeIntervalSince1970 * 1000).rounded(.down)))
        let span = UInt64(minutes) * 60_000
        let start = end >= span ? end - span : 0
        let shown = samples.filter { $0.at >= start && $0.at <= end }.sorted { $0.at < $1.at }
        let deliveries = shown.filter { $0.kind == .delivery }
        let heartbeats = shown.filter { $0.kind == .heartbeat }
        let failures = shown.filter { $0.kind == .failure }

        func x(_ at: UInt64) -> Double {
            left + Double(at - start) / Double(max(1, end - start)) * (right - left)
        }
        // Latency on a log scale, whole decades, at least one.
        let latencies = deliveries.compactMap(\.latencyMs).map { max($0, minLatency) }
        let lowDecade = latencies.min().map { floor(log10($0)) } ?? 0
        var highDecade = latencies.max().map { ceil(log10($0)) } ?? 3
        if highDecade <= lowDecade { highDecade = lowDecade + 1 }
        func y(_ latency: Double) -> Double {
            latencyBottom - (log10(max(latency, minLatency)) - lowDecade) / (highDecade - lowDecade) * (latencyBottom - latencyTop)
        }

        var out: [String] = []
        out.append(#"<?xml version="1.0" encoding="UTF-8"?>"#)
        out.append(#"<svg xmlns="http://www.w3.org/2000/svg" width="\#(n(width))" height="\#(n(height))" viewBox="0 0 \#(n(width)) \#(n(height))" role="img" aria-labelledby="plot-title plot-desc" font-family="system-ui, sans-serif" font-size="12" fill="\#(textColor)">"#)
        let title = words.title(escape(peer), minutes)
        out.append(#"<title id="plot-title">\#(title)</title>"#)
        out.append(#"<desc id="plot-desc">\#(words.description(escape(peer)))</desc>"#)
        out.append(#"<rect class="background" x="0" y="0" width="\#(n(width))" height="\#(n(height))" fill="\#(backgroundColor)"/>"#)
        out.append(#"<text class="title" x="16" y="26" font-size="16" font-weight="bold">\#(title)</text>"#)
        let window = "\(clock(start, withDate: true)) – \(clock(end, withDate: date(start) != date(end))) UTC"
        out.append(#"<text class="summary" x="16" y="46" fill="\#(quietColor)">\#(escape(window)) · \#(words.counts(deliveries.count, heartbeats.count, failures.count))</text>"#)

        // Legend.
        var legendX = left
        for (kind, label) in [(LinkHistory.Sample.Kind.delivery, words.deliveryLegend), (.heartbeat, words.heartbeatLegend), (.failure, words.failureLegend)] {
            out.append(#"<g class="legend-\#(kind.rawValue)">\#(symbol(kind, x: legendX + 6, y: 62))<text x="\#(n(legendX + 16))" y="66">\#(label)</text></g>"#)
            legendX += 36 + Double(label.count) * 6.2
        }

        // Latency grid and axis.
        out.append(#"<g class="y-axis" font-size="11" fill="\#(quietColor)">"#)
        var decade = lowDecade
        while decade <= highDecade {
            let level = y(pow(10, decade))
            out.append(#"<line x1="\#(n(left))" y1="\#(n(level))" x2="\#(n(right))" y2="\#(n(level))" stroke="\#(gridColor)"/>"#)
            out.append(#"<text x="\#(n(left - 8))" y="\#(n(level + 4))" text-anchor="end">\#(decadeLabel(Int(decade)))</text>"#)
            if highDecade - lowDecade <= 3, decade < highDecade {
                for factor in [2.0, 5.0] {
                    let minor = y(factor * pow(10, decade))
                    out.append(#"<line x1="\#(n(left))" y1="\#(n(minor))" x2="\#(n(right))" y2="\#(n(minor))" stroke="\#(gridColor)" stroke-dasharray="2 4"/>"#)
                }
            }
            decade += 1
        }
        let middle = (latencyTop + latencyBottom) / 2
        out.append(#"<text x="22" y="\#(n(middle))" text-anchor="middle" transform="rotate(-90 22 \#(n(middle)))">\#(words.latencyAxis)</text>"#)
        out.append(#"<text x="\#(n(left - 8))" y="\#(n((heartbeatBand.top + heartbeatBand.bottom) / 2 + 4))" text-anchor="end">\#(words.heartbeatBand)</text>"#)
        out.append(#"<text x="\#(n(left - 8))" y="\#(n((failureBand.top + failureBand.bottom) / 2 + 4))" text-anchor="end">\#(words.failureBand)</text>"#)
        out.append("</g>")
        out.append(#"<rect class="frame" x="\#(n(left))" y="\#(n(latencyTop))" width="\#(n(right - left))" height="\#(n(latencyBottom - latencyTop))" fill="none" stroke="\#(axisColor)"/>"#)
        for band in [heartbeatBand, failureBand] {
            out.append(#"<rect class="band" x="\#(n(left))" y="\#(n(band.top))" width="\#(n(right - left))" height="\#(n(band.bottom - band.top))" fill="\#(bandColor)" stroke="\#(gridColor)"/>"#)
        }

        // Time axis: ticks at whole UTC minutes, hours or days.
        out.append(#"<g class="x-axis" font-size="11" fill="\#(quietColor)">"#)
        out.append(#"<line x1="\#(n(left))" y1="\#(n(axis))" x2="\#(n(right))" y2="\#(n(axis))" stroke="\#(axisColor)"/>"#)
        let step = UInt64(tickSteps.first { minutes / $0 <= 8 } ?? 1_440) * 60_000
        var tick = (start + step - 1) / step * step
        while tick <= end {
            let position = x(tick)
            out.append(#"<line x1="\#(n(position))" y1="\#(n(latencyTop))" x2="\#(n(position))" y2="\#(n(axis + 4))" stroke="\#(gridColor)"/>"#)
            let label = step >= 86_400_000 ? date(tick) : minutes > 1_440 ? "\(date(tick)) \(clock(tick, withDate: false))" : clock(tick, withDate: false)
            out.append(#"<text x="\#(n(position))" y="\#(n(axis + 17))" text-anchor="middle">\#(escape(label))</text>"#)
            tick += step
        }
        out.append(#"<text x="\#(n((left + right) / 2))" y="\#(n(axis + 40))" text-anchor="middle">\#(words.timeAxis)</text>"#)
        out.append("</g>")

        // The marks: failures first, then heartbeats, then deliveries on top.
        out.append(#"<g class="marks">"#)
        for sample in failures {
            let position = x(sample.at)
            let tip = "\(words.failureLegend) \(clock(sample.at, withDate: minutes > 1_440, seconds: true)) UTC: \(sample.error ?? "")"
            out.append(#"<g class="failure" data-at="\#(sample.at)"><line x1="\#(n(position))" y1="\#(n(latencyTop))" x2="\#(n(position))" y2="\#(n(latencyBottom))" stroke="\#(failureColor)" stroke-opacity="0.3"/>\#(symbol(.failure, x: position, y: (failureBand.top + failureBand.bottom) / 2))<title>\#(escape(tip))</title></g>"#)
        }
        for sample in heartbeats {
            let position = x(sample.at)
            let tip = "\(words.heartbeatLegend) \(clock(sample.at, withDate: minutes > 1_440, seconds: true)) UTC · \(milliseconds(sample.latencyMs, words)) · \(words.size) \(sample.size ?? 0)"
            out.append(#"<line class="heartbeat" data-at="\#(sample.at)" x1="\#(n(position))" y1="\#(n(heartbeatBand.top + 4))" x2="\#(n(position))" y2="\#(n(heartbeatBand.bottom - 4))" stroke="\#(heartbeatColor)" stroke-width="1.5"><title>\#(escape(tip))</title></line>"#)
        }
        for sample in deliveries {
            let tip = "\(clock(sample.at, withDate: minutes > 1_440, seconds: true)) UTC · \(milliseconds(sample.latencyMs, words)) · \(words.size) \(sample.size ?? 0)"
            out.append(#"<circle class="delivery" data-at="\#(sample.at)" cx="\#(n(x(sample.at)))" cy="\#(n(y(sample.latencyMs ?? minLatency)))" r="3" fill="\#(deliveryColor)" fill-opacity="0.8"><title>\#(escape(tip))</title></circle>"#)
        }
        out.append("</g>")

        if shown.isEmpty {
            out.append(#"<text class="empty" x="\#(n((left + right) / 2))" y="\#(n(middle))" text-anchor="middle" font-size="16" fill="\#(quietColor)">\#(words.empty)</text>"#)
        } else if deliveries.isEmpty {
            out.append(#"<text class="no-deliveries" x="\#(n((left + right) / 2))" y="\#(n(middle))" text-anchor="middle" font-size="13" fill="\#(quietColor)">\#(words.noDeliveries)</text>"#)
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    /// Latencies below this are drawn at it (the scale's floor is 0.01 ms).
    static let minLatency = 0.01
    /// Minutes between time ticks: the first that gives at most 8 ticks.
    static let tickSteps = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1_440]

    static func symbol(_ kind: LinkHistory.Sample.Kind, x: Double, y: Double) -> String {
        switch kind {
        case .delivery:
            #"<circle cx="\#(n(x))" cy="\#(n(y))" r="3.5" fill="\#(deliveryColor)"/>"#
        case .heartbeat:
            #"<line x1="\#(n(x))" y1="\#(n(y - 6))" x2="\#(n(x))" y2="\#(n(y + 6))" stroke="\#(heartbeatColor)" stroke-width="1.5"/>"#
        case .failure:
            #"<path d="M\#(n(x - 4)) \#(n(y - 4))L\#(n(x + 4)) \#(n(y + 4))M\#(n(x - 4)) \#(n(y + 4))L\#(n(x + 4)) \#(n(y - 4))" stroke="\#(failureColor)" stroke-width="2"/>"#
        }
    }

    static func decadeLabel(_ exponent: Int) -> String {
        exponent >= 0 ? "1" + String(repeating: "0", count: exponent) : "0." + String(repeating: "0", count: -exponent - 1) + "1"
    }

    static func milliseconds(_ latency: Double?, _ words: Words) -> String {
        guard let latency else { return "–" }
        return "\(latency >= 100 ? String(Int(latency.rounded())) : n(latency)) \(words.ms)"
    }

    /// `yyyy-MM-dd` of a time in milliseconds, UTC.
    static func date(_ milliseconds: UInt64) -> String {
        String(UTCTime.format(milliseconds).prefix(10))
    }

    /// `HH:MM` (or `HH:MM:SS`) of a time in milliseconds, UTC, after its date if asked.
    static func clock(_ milliseconds: UInt64, withDate: Bool, seconds: Bool = false) -> String {
        let text = Array(UTCTime.format(milliseconds))
        let time = String(text[11..<(seconds ? 19 : 16)])
        return withDate ? "\(date(milliseconds)) \(time)" : time
    }

    /// A coordinate with at most one decimal, in the C locale.
    static func n(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return tenths % 10 == 0 ? "\(sign)\(abs(tenths) / 10)" : "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    /// Text for XML character data or a quoted attribute value: the five markup characters as
    /// entities, and characters that XML 1.0 does not allow at all (most control characters,
    /// U+FFFE, U+FFFF) as U+FFFD.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r", "\u{20}"..."\u{D7FF}", "\u{E000}"..."\u{FFFD}", "\u{10000}"..."\u{10FFFF}":
                out.unicodeScalars.append(scalar)
            default:
                out += "\u{FFFD}"
            }
        }
        return out
    }

    /// The plot's words, already XML-escaped where they take arguments.
    struct Words {
        let language: Language
        init(_ language: Language) { self.language = language }

        func title(_ peer: String, _ minutes: Int) -> String {
            switch language {
            case .en: "Link to \(peer), the last \(minutes) min"
            case .ru: "Связь с \(peer), последние \(minutes) мин"
            }
        }

        func description(_ peer: String) -> String {
            switch language {
            case .en: "Rounds of this node's link to \(peer): deliveries as dots at their latency from the first push to the receipt (log scale), heartbeats as ticks, failures in red."
            case .ru: "Раунды связи этого узла с \(peer): доставки — точки на высоте задержки от первой отправки до квитанции (логарифмическая шкала), пульс — штрихи, сбои — красным."
            }
        }

        func counts(_ deliveries: Int, _ heartbeats: Int, _ failures: Int) -> String {
            switch language {
            case .en: "deliveries: \(deliveries) · heartbeats: \(heartbeats) · failures: \(failures)"
            case .ru: "доставки: \(deliveries) · пульс: \(heartbeats) · сбои: \(failures)"
            }
        }

        var deliveryLegend: String { language == .en ? "delivery (latency)" : "доставка (задержка)" }
        var heartbeatLegend: String { language == .en ? "heartbeat" : "пульс" }
        var failureLegend: String { language == .en ? "failure" : "сбой" }
        var heartbeatBand: String { language == .en ? "heartbeats" : "пульс" }
        var failureBand: String { language == .en ? "failures" : "сбои" }
        var latencyAxis: String { language == .en ? "delivery latency, ms (log scale)" : "задержка доставки, мс (лог. шкала)" }
        var timeAxis: String { language == .en ? "time, UTC" : "время, UTC" }
        var empty: String { language == .en ? "no rounds in this window" : "в этом окне нет раундов" }
        var noDeliveries: String { language == .en ? "no deliveries in this window" : "в этом окне нет доставок" }
        var size: String { language == .en ? "size" : "размер" }
        var ms: String { language == .en ? "ms" : "мс" }
    }
}
