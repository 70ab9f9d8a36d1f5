/// RFC 3339 date-times in UTC with whole seconds (`2017-09-20T10:00:00Z`), the one form the
/// record uses for times written by people. Parsed here so that the core needs no date library.
public enum UTCTime {
    /// Milliseconds since 1970-01-01T00:00:00Z, or nil if `text` is not exactly that form.
    public static func milliseconds(_ text: String) -> UInt64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54,
              bytes[13] == 0x3A, bytes[16] == 0x3A, bytes[19] == 0x5A else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              year >= 1970, (1...12).contains(month), hour < 24, minute < 60, second < 60,
              (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        let days = daysFromEpoch(year: year, month: month, day: day)
        return UInt64(((days * 24 + hour) * 60 + minute) * 60 + second) * 1000
    }

    /// The RFC 3339 form of a time in milliseconds (whole seconds, UTC).
    public static func format(_ milliseconds: UInt64) -> String {
        let seconds = Int(milliseconds / 1000)
        var days = seconds / 86_400
        let rest = seconds % 86_400
        var year = 1970
        while days >= (isLeap(year) ? 366 : 365) {
            days -= isLeap(year) ? 366 : 365
            year += 1
        }
        var month = 1
        while days >= daysIn(month: month, year: year) {
            days -= daysIn(month: month, year: year)
            month += 1
        }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(days + 1))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func daysFromEpoch(year: Int, month: Int, day: Int) -> Int {
        var days = 0
        for y in 1970..<year { days += isLeap(y) ? 366 : 365 }
        for m in 1..<month { days += daysIn(month: m, year: year) }
        return days + day - 1
    }
}
