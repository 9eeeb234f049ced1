#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A whole file mapped read-only into memory, so that readers walk its bytes without copying them.
/// The mapping lives as long as this object. A body received over HTTP is read the same way
/// from a copy in memory (``init(copying:label:)``).
final class MappedFile {
    let path: String
    let bytes: UnsafeRawBufferPointer
    /// Whether `bytes` come from `mmap` (unmapped on deinit) or from an allocation (freed).
    private let isMapped: Bool

    init(path: String) throws(FileFormatError) {
        self.path = path
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw .unreadable(file: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw .unreadable(file: path, reason: String(cString: strerror(errno)))
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw .unreadable(file: path, reason: "not a regular file")
        }
        let size = Int(status.st_size)
        isMapped = size > 0
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw .unreadable(file: path, reason: String(cString: strerror(errno)))
        }
        _ = madvise(address, size, MADV_SEQUENTIAL)
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    /// The text of `range` without the line end that closes it: a record as it was written.
    func text(of range: Range<Int>) -> String {
        var end = range.upperBound
        while end > range.lowerBound, bytes[end - 1] == 10 || bytes[end - 1] == 13 { end -= 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range.lowerBound..<end]), as: UTF8.self)
    }

    /// A copy of `content`, named `label` in messages (the name of an upload, "request body"…).
    init(copying content: some Collection<UInt8>, label: String) {
        path = label
        isMapped = false
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: content.count, alignment: 1)
        _ = copy.initializeMemory(as: UInt8.self, from: content)
        bytes = UnsafeRawBufferPointer(copy)
    }

    deinit {
        guard let base = bytes.baseAddress else { return }
        if isMapped {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        } else {
            UnsafeMutableRawBufferPointer(mutating: bytes).deallocate()
        }
    }
}
