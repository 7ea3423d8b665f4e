"""Players in the forms of the ``player`` dimension, plain links to video pages (which are no
players, ``video_link``) and the sidebar's player (``sidebar_player``, never counted)."""

from __future__ import annotations

from urllib.parse import quote

from pipeline.demo.replica.model import Article

FALLBACK = "Trình duyệt của bạn không hỗ trợ phát video này."


def _file(a: Article, ext: str) -> str:
    return f"/uploads/video/{a.local:%Y/%m}/{a.video_id}.{ext}"


def _iframe(src: str, attrs: str = "") -> str:
    return (f'<div class="video-embed"><iframe width="640" height="360" {attrs}src="{src}" '
            'frameborder="0" allowfullscreen></iframe></div>')


def player_html(a: Article, form: str) -> str:
    vid, fb = a.video_id, quote(f"https://www.facebook.com/congdoanhatinh/videos/{a.created}/", safe="")
    vimeo = f"https://player.vimeo.com/video/{a.created % 900000000 + 100000000}"
    fb_src = f"https://www.facebook.com/plugins/video.php?href={fb}&amp;show_text=false&amp;width=640"
    if form == "yt-embed":
        return _iframe(f"https://www.youtube.com/embed/{vid}")
    if form == "yt-nocookie":
        return _iframe(f"https://www.youtube-nocookie.com/embed/{vid}?rel=0")
    if form == "yt-watch":
        return _iframe(f"https://www.youtube.com/watch?v={vid}")
    if form == "youtu-be":
        return _iframe(f"https://youtu.be/{vid}")
    if form == "yt-protocol":
        return _iframe(f"//www.youtube.com/embed/{vid}")
    if form == "fb-plugin":
        return _iframe(fb_src)
    if form == "vimeo":
        return _iframe(vimeo)
    if form == "lazy-yt":
        return _iframe("", f'loading="lazy" data-src="https://www.youtube.com/embed/{vid}" ').replace(' src=""', "")
    if form == "lazy-fb":
        return _iframe("about:blank", f'loading="lazy" data-src="{fb_src}" ')
    if form == "lazy-vimeo":
        return _iframe("about:blank", f'data-lazy-src="{vimeo}" ')
    if form == "jwplayer":
        return (f'<div id="jw-{vid}"></div><script type="text/javascript">jwplayer("jw-{vid}")'
                f'.setup({{file: "{_file(a, "mp4")}", width: "100%", aspectratio: "16:9"}});</script>')
    if form == "videojs":
        return (f'<div class="vjs-box" id="vjs-{vid}"></div><script>videojs("vjs-{vid}", '
                f'{{sources: [{{src: "{_file(a, "m3u8")}", type: "application/x-mpegURL"}}]}});</script>')
    if form == "flowplayer":
        return (f'<div class="flowplayer" id="fp-{vid}" data-ratio="0.5625"></div><script>'
                f'flowplayer("#fp-{vid}", {{clip: {{sources: [{{type: "video/webm", src: '
                f'"{_file(a, "webm")}"}}]}}}});</script>')
    if form == "plyr":
        return (f'<div class="js-player" data-plyr-provider="youtube" data-src="https://www.youtube.com'
                f'/watch?v={vid}"></div><script>new Plyr(".js-player");</script>')
    if form == "mediaelement":
        return (f'<div class="mejs-box" data-mejs-src="{_file(a, "mp4")}"></div><script>new '
                f'MediaElementPlayer(document.querySelector(".mejs-box"), {{stretching: "responsive"}});'
                "</script>")
    if form == "video-src":
        return f'<div class="video-file"><video src="{_file(a, "mp4")}" controls width="640">{FALLBACK}</video></div>'
    if form == "embed":
        return f'<p><embed src="{_file(a, "mp4")}" type="video/mp4" width="640" height="360"></p>'
    return (f'<div class="video-file"><video controls width="640"><source src="{_file(a, "mp4")}" '
            f'type="video/mp4">{FALLBACK}</video></div>')


def video_link_href(a: Article, mode: str, site_video: str | None) -> str | None:
    """Where a plain link in the body points (a video page, not a player), or None."""
    if mode == "youtube-watch":
        return f"https://www.youtube.com/watch?v={a.video_id[::-1]}"
    if mode == "facebook-watch":
        return f"https://www.facebook.com/congdoanhatinh/videos/{a.created + 7}/"
    if mode == "site-video":
        return site_video
    return None


SIDEBAR = {
    "youtube": '<iframe width="300" height="170" src="https://www.youtube.com/embed/cdhtSidebar1" '
               "frameborder=\"0\" allowfullscreen></iframe>",
    "jwplayer": '<div id="jw-side"></div><script>jwplayer("jw-side").setup({file: '
                '"/uploads/video/gioi-thieu.mp4"});</script>',
    "video": '<video controls width="300"><source src="/uploads/video/gioi-thieu.mp4" '
             'type="video/mp4"></video>',
    "vimeo": '<iframe src="https://player.vimeo.com/video/76979871" width="300" height="170" '
             "allowfullscreen></iframe>",
}
