/// Where a request to the app goes. Given code: the routes themselves are yours, in
/// `AppRoute+Parse.swift`.
///
/// ```
/// /                     → .home           index.html
/// /watch?v=intro        → .watch("intro") watch.html, filled in for media/intro.webm
/// /static/css/app.css   → .asset(.static, "/css/app.css")
/// /media/intro.webm     → .asset(.media, "/intro.webm")   (with Range, from lab 02)
/// anything else         → .notFound
/// ```
public enum AppRoute: Equatable, Sendable {
    /// The home page, `index.html`.
    case home
    /// The watch page for the video `media/ID.webm`. The ID is only letters, digits, `_` and `-`.
    case watch(id: String)
    /// A file under one of the app's two served folders; `target` is the rest of the request
    /// target from its `/` on (query included), as lab 02's static file handler takes it.
    case asset(AssetFolder, target: String)
    /// Nothing here: 404.
    case notFound
}

/// The two folders of the app root that are served as files.
public enum AssetFolder: String, Sendable {
    /// CSS, JavaScript and images: `/static/…`.
    case `static`
    /// Videos: `/media/…`, with byte ranges so a player can seek.
    case media
}
