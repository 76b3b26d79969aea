# An import chain shows one frame per module, outermost first.
print("main: start")
import mod_chain
