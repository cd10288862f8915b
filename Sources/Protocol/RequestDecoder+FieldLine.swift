extension RequestDecoder {
    /// Parses `field-line = field-name ":" OWS field-value OWS` (RFC 9112 §5),
    /// returning absolute ranges of the name and the OWS-trimmed value.
    ///
    /// `field-name = token` (RFC 9110 §5.1); whitespace before the colon is
    /// rejected (RFC 9112 §5.1); a line starting with SP or HTAB is obsolete line
    /// folding (RFC 9112 §5.2), rejected; values allow `field-vchar`, SP and
    /// HTAB only (RFC 9110 §5.5): NUL, CR, LF, other controls and DEL are rejected.
    /// `line` excludes the CRLF and is not empty.
    func parseFieldLine(_ line: Range<Int>) throws(ParseError) -> (name: Range<Int>, value: Range<Int>) {
        try buffer.withUnsafeBufferPointer { bytes throws(ParseError) in
            if ByteClass.isWhitespace(bytes[line.lowerBound]) { throw .obsoleteLineFolding }
            var index = line.lowerBound
            while index < line.upperBound {
                let byte = bytes[index]
                if byte == ByteClass.colon { break }
                if !ByteClass.isTokenChar(byte) {
                    if byte == ByteClass.cr { throw .bareCarriageReturn }
                    if ByteClass.isWhitespace(byte) {
                        var after = index
                        while after < line.upperBound, ByteClass.isWhitespace(bytes[after]) { after += 1 }
                        if after < line.upperBound, bytes[after] == ByteClass.colon { throw .whitespaceBeforeColon }
                    }
                    throw .invalidFieldName
                }
                index += 1
            }
            guard index < line.upperBound else { throw .missingColon }
            let name = line.lowerBound..<index
            guard !name.isEmpty else { throw .invalidFieldName }

            var valueStart = index + 1
            var valueEnd = line.upperBound
            if !ByteScan.allFieldValueBytes(bytes, from: valueStart, to: valueEnd) {
                // Rare: find the first offending byte for the exact error.
                for position in valueStart..<valueEnd where !ByteClass.isFieldValueChar(bytes[position]) {
                    throw bytes[position] == ByteClass.cr ? .bareCarriageReturn : .invalidFieldValue
                }
            }
            while valueStart < valueEnd, ByteClass.isWhitespace(bytes[valueStart]) { valueStart += 1 }
            while valueEnd > valueStart, ByteClass.isWhitespace(bytes[valueEnd - 1]) { valueEnd -= 1 }
            return (name, valueStart..<valueEnd)
        }
    }
}
