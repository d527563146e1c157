"""A real browser loads the capstone's app: headless Chromium, driven by Selenium.

    python3 lab09_browser.py NAME=URL [NAME=URL …]

For each base URL (the app server's HTTP port, the RUDP gateway's port) it loads the home
page and a watch page and checks what a person would see: the page's title, the CSS applied
(the header's gradient), every image decoded (naturalWidth > 0), the script run, and the
video's metadata loaded (readyState >= 1, duration > 0), then a seek. Prints one line per
check, "ok: …" or "FAILED: …", and exits 1 if any failed. Run it inside a network namespace
of its own (unshare -n): the browser then reaches nothing but that namespace's loopback.
"""
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

failures = 0


def check(what, condition, detail=""):
    global failures
    if condition:
        print(f"ok: {what}" + (f" ({detail})" if detail else ""))
    else:
        failures += 1
        print(f"FAILED: {what}" + (f" ({detail})" if detail else ""))


def wait_for(driver, script, seconds=15):
    """Runs `script` until it returns something truthy, or `seconds` pass; returns its last value."""
    deadline = time.time() + seconds
    value = None
    while time.time() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.1)
    return value


def visit(driver, name, base):
    driver.get(base + "/")
    wait_for(driver, "return document.readyState === 'complete'")
    check(f"{name}: the home page loads", driver.title.startswith("my-app"), repr(driver.title))
    gradient = driver.execute_script(
        "return getComputedStyle(document.querySelector('.bar')).backgroundImage")
    check(f"{name}: /static/style.css is applied (the header's gradient)", "gradient" in (gradient or ""),
          gradient)
    images = wait_for(driver, """
        const all = Array.from(document.images);
        if (!all.every(i => i.complete)) return null;
        return all.map(i => [i.getAttribute('src'), i.naturalWidth]);""")
    images = images or []
    broken = [src for src, width in images if width == 0]
    check(f"{name}: every image renders ({len(images)}: PNG and SVG)", len(images) >= 4 and not broken,
          f"broken: {broken}" if broken else ", ".join(src for src, _ in images))
    note = driver.execute_script("return document.getElementById('transport').textContent")
    check(f"{name}: /static/app.js ran", note.startswith("This line was written by /static/app.js"), note)

    links = driver.execute_script(
        "return Array.from(document.querySelectorAll('a[href^=\"/watch\"]')).map(a => a.getAttribute('href'))")
    check(f"{name}: the home page links each video", len(links) >= 2, ", ".join(links))
    driver.get(base + (links[0] if links else "/watch?v=bars"))
    wait_for(driver, "return document.readyState === 'complete'")
    state = wait_for(driver, """
        const v = document.getElementById('player');
        return v && v.readyState >= 1 && v.duration > 0 ? [v.readyState, v.duration, v.videoWidth,
            v.videoHeight, v.currentSrc] : null;""")
    check(f"{name}: the video's metadata loads (readyState >= 1, duration > 0)", bool(state),
          f"readyState {state[0]}, {state[1]:.2f} s, {state[2]} x {state[3]}, {state[4]}" if state else
          driver.execute_script("const v = document.getElementById('player'); return v ? "
                                "'readyState ' + v.readyState + ', error ' + (v.error && v.error.code) : 'no video'"))
    if state:
        driver.execute_script("const v = document.getElementById('player'); v.muted = true; v.currentTime = 2.0;")
        seeked = wait_for(driver, """
            const v = document.getElementById('player');
            return !v.seeking && Math.abs(v.currentTime - 2.0) < 0.2 && v.readyState >= 1 ? v.currentTime : null;""")
        check(f"{name}: seeking to 2 s works (a range request mid-file)", bool(seeked), f"at {seeked}")


def main():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                     "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        for pair in sys.argv[1:]:
            name, base = pair.split("=", 1)
            visit(driver, name, base.rstrip("/"))
    finally:
        driver.quit()
    sys.exit(1 if failures else 0)


main()
