import Foundation

/// An instant `minutes` (and `seconds`) after a fixed origin.
func at(minutes: Int64, seconds: Int64 = 0, milliseconds: Int64 = 0) -> Date {
    let origin: Int64 = 1_800_000_000_000
    let total = origin + (minutes * 60 + seconds) * 1000 + milliseconds
    return Date(timeIntervalSince1970: TimeInterval(total) / 1000)
}
