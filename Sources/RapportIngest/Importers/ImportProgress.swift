/// Where an import stands, reported every few thousand records.
public struct ImportProgress: Sendable {
    /// The input's file name.
    public var file: String
    /// Bytes of the file read so far, and in all.
    public var bytesRead: Int
    public var totalBytes: Int
    /// Records (rows, JSON objects) read so far.
    public var records: Int
    /// Seconds since the first row was read (loading the stored keys before it is not counted).
    public var elapsedSeconds: Double

    public var fraction: Double { totalBytes == 0 ? 1 : Double(bytesRead) / Double(totalBytes) }
    public var recordsPerSecond: Double { elapsedSeconds > 0 ? Double(records) / elapsedSeconds : 0 }
}
