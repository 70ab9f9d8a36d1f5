import Foundation
import HotlineClient
import HotlineNode
import HotlineRecord
import HotlineTestSupport
import Synchronization
import Testing

/// An entry left unacknowledged past its deadline escalates and raises an alarm. The nodes run
/// on a clock the test moves; nothing sleeps until a deadline.
@Suite(.serialized) struct EscalationTests {
    final class TestClock: Sendable {
        let offset = Mutex<TimeInterval>(0)
        var clock: NodeClock { NodeClock { [self] in Date().addingTimeInterval(self.offset.withLock { $0 }) } }
        func advance(by seconds: TimeInterval) { offset.withLock { $0 += seconds } }
    }

    @Test func aFlashEntryUnacknowledgedForTenMinutesEscalatesOnce() async throws {
        let time = TestClock()
        let sides = try await TwoSides.start(heartbeatSeconds: 30, clock: time.clock)
        let ru = try await OfficialSession.open(sides.ru.client)
        let flash = try await ru.send(.init(.message, line: "operators", precedence: .flash, content: .withRandomSalt(text: "Flash")), wait: 20)
        let routine = try await ru.send(.init(.message, line: "operators", content: .withRandomSalt(text: "Routine")), wait: 20)

        #expect(sides.us.node.checkEscalations().isEmpty, "nothing is overdue at once")
        time.advance(by: 10 * 60 + 5)
        let escalated = sides.us.node.checkEscalations()
        #expect(escalated.map(\.pointer) == [flash])
        #expect(escalated.first?.escalateTo == ["us/operator"], "no deputies on the operators' line: the operator")
        #expect(sides.us.node.checkEscalations().isEmpty, "raised once")
        #expect(sides.us.node.metrics.text().contains("hotline_overdue_acknowledgements 1"))
        #expect(sides.ru.node.checkEscalations().isEmpty, "the sender has nothing to acknowledge")

        // A day later the routine entry is overdue too.
        time.advance(by: 24 * 3600)
        #expect(sides.us.node.checkEscalations().map(\.pointer) == [routine])
        #expect(sides.us.node.metrics.text().contains("hotline_overdue_acknowledgements 2"))
        await sides.stop()
    }
}
