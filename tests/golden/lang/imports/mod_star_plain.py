import mod_counter

public = "public"
_private = "private"
__dunder = "dunder"


def helper():
    return "helper"
