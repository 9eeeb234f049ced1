import RapportCore
import RapportServer

/// The demo's sign-in: an admin `demo@example.com` whose password is drawn again at each run, so
/// that a demo base copied elsewhere does not carry a password anyone has seen in a README.
enum DemoLogin {
    static let email = "demo@example.com"

    static func reset(in store: some UserStore) throws -> (email: String, password: String) {
        let password = String(Credentials.newToken().dropFirst(4).prefix(16))
        let hash = Credentials.hashPassword(password, cost: 10)
        if var user = try store.user(email: email) {
            user.passwordHash = hash
            user.role = .admin
            user.disabled = false
            try store.updateUser(user)
        } else {
            _ = try store.createUser(
                UserAccount(email: email, name: "Demo", role: .admin, passwordHash: hash, createdAt: SystemClock().now))
        }
        return (email, password)
    }
}
