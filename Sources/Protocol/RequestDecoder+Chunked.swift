extension RequestDecoder {
    /// Most significant hex digits in a chunk-size: 16 fill a `UInt64`.
    static let maxChunkSizeDigits = 16

    /// Parses `chunk-size [ chunk-ext ]` (RFC 9112 §7.1) and returns the size.
    ///
    /// `chunk-size = 1*HEXDIG`; leading zeros are free, more than 16
    /// significant digits overflow (400). `chunk-ext = *( BWS ";" BWS
    /// chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )` is checked loosely and
    /// ignored: after optional whitespace comes `;` and a token character, then
    /// only field-value characters. Its length is bounded by
    /// `DecoderLimits.chunkLineLength`. `line` excludes the CRLF.
    func parseChunkSizeLine(_ line: Range<Int>) throws(ParseError) -> UInt64 {
        try buffer.withUnsafeBufferPointer { bytes throws(ParseError) in
            var index = line.lowerBound
            var size: UInt64 = 0
            var significant = 0
            while index < line.upperBound, let digit = ByteClass.hexValue(bytes[index]) {
                if size != 0 || digit != 0 { significant += 1 }
                guard significant <= Self.maxChunkSizeDigits else { throw .chunkSizeOverflow }
                size = size << 4 | digit
                index += 1
            }
            guard index > line.lowerBound else {
                throw !line.isEmpty && bytes[line.lowerBound] == ByteClass.cr ? .bareCarriageReturn : .invalidChunkSize
            }
            guard index < line.upperBound else { return size }

            let byte = bytes[index]
            guard ByteClass.isWhitespace(byte) || byte == UInt8(ascii: ";") else {
                throw byte == ByteClass.cr ? .bareCarriageReturn : .invalidChunkSize
            }
            while index < line.upperBound, ByteClass.isWhitespace(bytes[index]) { index += 1 }
            guard index < line.upperBound, bytes[index] == UInt8(ascii: ";") else { throw .invalidChunkExtension }
            index += 1
            while index < line.upperBound, ByteClass.isWhitespace(bytes[index]) { index += 1 }
            guard index < line.upperBound, ByteClass.isTokenChar(bytes[index]) else { throw .invalidChunkExtension }
            for position in index..<line.upperBound where !ByteClass.isFieldValueChar(bytes[position]) {
                throw bytes[position] == ByteClass.cr ? .bareCarriageReturn : .invalidChunkExtension
            }
            return size
        }
    }
}
