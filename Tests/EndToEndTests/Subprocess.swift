import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program with posix_spawn and waitpid (Foundation's Process can hang inside Swift concurrency on Linux).
enum Subprocess {
    private static let spawnLock = NSLock()

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Where programs under test write their logs, so tests never touch the real home.
    static let stateHome = FileManager.default.temporaryDirectory.appendingPathComponent("usagetop-test-state").path

    /// Runs `path arguments`, stdin from /dev/null; captures stdout and stderr when `capture`, else discards them.
    /// The environment is this process's plus `extra`, with `XDG_STATE_HOME` pointing at a temporary folder.
    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift's Glibc module does not export.
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
            return nil
        }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    static func run(_ path: String, _ arguments: [String], capture: Bool = true, extra: [String: String] = [:]) throws
        -> Output
    {
        var variables = ProcessInfo.processInfo.environment
        variables["XDG_STATE_HOME"] = stateHome
        variables.merge(extra) { _, new in new }
        let envp: [UnsafeMutablePointer<CChar>?] = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var outPipe: [Int32] = [0, 0]
        // Tests run in parallel: a process spawned at the same moment by another test must not inherit our pipe
        // (a tmux server would keep it open for its whole life). So the pipe is close-on-exec (dup2 onto fd 1
        // clears that for our own child) and creating it and spawning happen under one lock.
        spawnLock.lock()
        guard pipe(&outPipe) == 0 else {
            spawnLock.unlock()
            throw POSIXError(.EMFILE)
        }
        _ = fcntl(outPipe[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(outPipe[1], F_SETFD, FD_CLOEXEC)
        let errPath = FileManager.default.temporaryDirectory.appendingPathComponent("stderr-\(UUID().uuidString)").path
        defer { unlink(errPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capture {
            posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
            posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        // The child gets no other descriptor of ours: a tmux server that outlives this call must not hold a test
        // server's listening socket open (the socket would outlive `stop()`).
        if let closeFrom = Self.closeFrom { _ = closeFrom(&actions, 3) }
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, envp)
        close(outPipe[1])
        spawnLock.unlock()
        defer { close(outPipe[0]) }
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .ENOENT) }
        let outData = readAll(outPipe[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Output(status: exitCode, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    private static func readAll(_ fd: Int32) -> Data {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(fd, &chunk, chunk.count)
            if n > 0 { data.append(contentsOf: chunk[0..<n]) } else if n == 0 || errno != EINTR { break }
        }
        return data
    }
}
