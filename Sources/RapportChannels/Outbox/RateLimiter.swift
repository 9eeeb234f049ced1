/// At most `rate` takes per second on average, bursts of up to one second's worth.
actor RateLimiter {
    private let rate: Double
    private var tokens: Double
    private var last: ContinuousClock.Instant

    init(perSecond rate: Double) {
        self.rate = rate
        tokens = rate
        last = .now
    }

    func take() async {
        while true {
            let now = ContinuousClock.Instant.now
            let elapsed = now - last
            last = now
            tokens = min(rate, tokens + rate * (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
            if tokens >= 1 {
                tokens -= 1
                return
            }
            try? await Task.sleep(for: .seconds((1 - tokens) / rate))
        }
    }
}
