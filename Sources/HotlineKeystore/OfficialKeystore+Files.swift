#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension OfficialKeystore {
    /// Writes the keystore to a new file readable and writable by its owner only (mode 0600).
    ///
    /// Refuses to replace anything already at `path`, including a symbolic link, so a key cannot
    /// be lost by overwriting it or leaked by writing through a planted link. On failure no
    /// partial file is left behind.
    /// - Throws: `fileAlreadyExists`, or `fileSystemError` with the failing call and errno.
    public func write(to path: String) throws(KeystoreError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST { throw .fileAlreadyExists(path: path) }
            throw .fileSystemError(operation: "open", path: path, code: code)
        }
        do throws(KeystoreError) {
            // The umask may have removed bits from 0600; set the mode exactly.
            guard fchmod(descriptor, 0o600) == 0 else { throw .fileSystemError(operation: "fchmod", path: path, code: errno) }
            try Self.writeAll(encoded(), to: descriptor, path: path)
            guard fsync(descriptor) == 0 else { throw .fileSystemError(operation: "fsync", path: path, code: errno) }
        } catch {
            close(descriptor)
            unlink(path)
            throw error
        }
        guard close(descriptor) == 0 else {
            let code = errno
            unlink(path)
            throw .fileSystemError(operation: "close", path: path, code: code)
        }
    }

    /// Reads and strictly parses a keystore file (see `init(encoded:)`).
    /// - Throws: `notARegularFile`, `inputTooLarge`, `fileSystemError`, or any parsing error.
    public static func read(from path: String) throws(KeystoreError) -> OfficialKeystore {
        // O_NONBLOCK: opening a FIFO planted at the path must not hang; regular files ignore it.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw .fileSystemError(operation: "open", path: path, code: errno) }
        defer { close(descriptor) }

        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .fileSystemError(operation: "fstat", path: path, code: errno) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .notARegularFile(path: path) }
        guard status.st_size <= maximumEncodedSize else {
            throw .inputTooLarge(byteCount: Int(status.st_size), limit: maximumEncodedSize)
        }
        // One byte beyond the limit detects a file that grew after fstat.
        let bytes = try readAll(from: descriptor, limit: maximumEncodedSize + 1, path: path)
        return try OfficialKeystore(encoded: bytes)
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(KeystoreError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                systemWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw .fileSystemError(operation: "write", path: path, code: errno)
            }
            written += result
        }
    }

    private static func readAll(from descriptor: Int32, limit: Int, path: String) throws(KeystoreError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: limit)
        var filled = 0
        while filled < limit {
            let result = bytes.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress! + filled, limit - filled)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw .fileSystemError(operation: "read", path: path, code: errno)
            }
            if result == 0 { break }
            filled += result
        }
        return Array(bytes.prefix(filled))
    }
}

// The extension's own `write(to:)` and `read(from:)` hide the C functions of the same names.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
    #else
    Darwin.write(descriptor, buffer, count)
    #endif
}

private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
    #else
    Darwin.read(descriptor, buffer, count)
    #endif
}
