/// Bytes as lowercase hexadecimal digits (a digest, a `bytea` literal's body).
public enum HexDigits {
    /// Two lowercase hexadecimal digits per byte: `[0x0f, 0xa0]` → `"0fa0"`.
    public static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
