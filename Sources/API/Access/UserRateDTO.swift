import Services

/// An effective-dated rate on the wire: the audit trail's snapshot, the same shape.
typealias UserRateDTO = UserRateSnapshot
