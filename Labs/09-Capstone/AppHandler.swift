import Lab02HTTP
import NetLabKit

/// The web app: lab 02's `HTTPHandler`, so lab 02's server carries it over TCP and
/// `RUDPHTTP.serve` carries it over RUDP. Given code: it sends each request where
/// `AppRoute.parse` says (part 1), and leaves files to lab 02's `StaticFileHandler`, whose
/// root checks keep every answer inside the app's folder and whose Range code serves media.
///
/// The app's folder holds `index.html`, `watch.html` (a template), `static/` and `media/`.
public struct AppHandler: HTTPHandler {
    /// The app's folder.
    public let root: String
    let assets: [AssetFolder: StaticFileHandler]

    /// - Throws: `StaticRoot.RootError` if `root` or one of its two folders is missing.
    public init(root: String) throws {
        self.root = root
        var assets: [AssetFolder: StaticFileHandler] = [:]
        for folder in [AssetFolder.static, .media] {
            assets[folder] = StaticFileHandler(root: try StaticRoot(path: "\(root)/\(folder.rawValue)"))
        }
        self.assets = assets
    }

    public func respond(to request: HTTPRequest, from client: SocketAddress) throws -> ServedResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            var response = StaticFileHandler.error(405)
            response.headers.add("Allow", "GET, HEAD")
            return ServedResponse(response: response)
        }
        switch AppRoute.parse(request.target) {
        case .home:
            return try page(FileSystem.readAll("\(root)/index.html"))
        case .watch(let id):
            guard FileSystem.isRegularFile("\(root)/media/\(id).webm") else { return notFound }
            let template = String(decoding: try FileSystem.readAll("\(root)/watch.html"), as: UTF8.self)
            return page(Array(WatchPage.render(template, id: id).utf8))
        case .asset(let folder, let target):
            // A folder's listing is not part of the app.
            guard !target.prefix(while: { $0 != "?" }).hasSuffix("/"), let handler = assets[folder] else {
                return notFound
            }
            var forwarded = request
            forwarded.target = target
            return try handler.respond(to: forwarded, from: client)
        case .notFound:
            return notFound
        }
    }

    var notFound: ServedResponse { ServedResponse(response: StaticFileHandler.error(404)) }

    func page(_ body: [UInt8]) -> ServedResponse {
        let headers = HTTPHeaders([
            ("Content-Type", "text/html; charset=utf-8"), ("Content-Length", String(body.count)),
            ("Cache-Control", "no-cache"),
        ])
        return ServedResponse(response: HTTPResponse(status: 200, headers: headers, body: body))
    }
}
