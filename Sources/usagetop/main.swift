import ArgumentParser
import GRDB
print("hi")
