/// How urgently an entry must be delivered and acknowledged; higher goes first.
public enum Precedence: UInt8, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case routine = 0
    case priority = 1
    case immediate = 2
    case flash = 3

    public var description: String {
        switch self {
        case .routine: "routine"
        case .priority: "priority"
        case .immediate: "immediate"
        case .flash: "flash"
        }
    }

    public static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }
}
