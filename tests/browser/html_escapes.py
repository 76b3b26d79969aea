# Text that must not break the page: HTML in strings, output and names, and U+2028.
s = "</script><!-- <b>not bold</b> & \u2028 \u00e9"
print(s)
tag = {"<div>": s}
print("</style>", len(tag))
