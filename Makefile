# `make dist`: the one-folder application in dist/TalentDesk (see packaging/build.sh).
.PHONY: dist
dist:
	packaging/build.sh
