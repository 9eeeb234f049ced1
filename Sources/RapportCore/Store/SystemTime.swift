#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

func _systemTimeSeconds() -> Int {
    Int(time(nil))
}
