# Sourced by scripts/convnet-explorer (bash). Java takes the encoding of file names from the locale it starts in
# (-Dsun.jnu.encoding is ignored): in the C locale of cron, `env -i` and many batch systems it is ASCII, and Java cannot
# name a file called café.png. Where the locale's character set is not UTF-8, the character-type category alone is
# switched to a UTF-8 locale the system has (messages, number formats and the rest stay as they were, LC_ALL's value
# among them where it was set).
if [ "$(locale charmap 2>/dev/null || true)" != "UTF-8" ]; then
	installed_locales=$'\n'"$(locale -a 2>/dev/null || true)"$'\n'
	for utf8_locale in C.UTF-8 C.utf8 en_US.UTF-8 en_US.utf8; do
		case $installed_locales in
		*$'\n'"$utf8_locale"$'\n'*)
			# LC_ALL overrides every category: where it is set, each other category takes its value, and it goes
			if [ -n "${LC_ALL:-}" ]; then
				for category in LC_COLLATE LC_MESSAGES LC_MONETARY LC_NUMERIC LC_TIME LC_PAPER LC_NAME LC_ADDRESS \
					LC_TELEPHONE LC_MEASUREMENT LC_IDENTIFICATION; do
					export "$category=$LC_ALL"
				done
				unset LC_ALL category
			fi
			export LC_CTYPE="$utf8_locale"
			break;;
		esac
	done
	unset installed_locales utf8_locale
fi
