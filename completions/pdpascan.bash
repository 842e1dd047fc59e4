# pdpascan.bash — bash completion for pdpascan (installed by make install
# into share/bash-completion/completions/pdpascan).
_pdpascan()
{
    local cur prev cmd
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    cmd=${COMP_WORDS[1]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "scan text annotate redact serve rules explain hook version --help --version" -- "$cur"))
        return
    fi
    case "$prev" in
        -f|--format) COMPREPLY=($(compgen -W "text jsonl json sarif csv html" -- "$cur")); return ;;
        --fail-on) COMPREPLY=($(compgen -W "high medium low info" -- "$cur")); return ;;
        --lang) COMPREPLY=($(compgen -W "th en" -- "$cur")); return ;;
        --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
        --rules) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        -o|--output|--baseline|--write-baseline|--allow|--config|--files-from|--cache)
            COMPREPLY=($(compgen -f -- "$cur")); return ;;
        -j|--jobs|--shard|--max-file-size|--max-findings|--ocr-dpi|--file-timeout|--exclude|--include) return ;;
        --ocr) COMPREPLY=($(compgen -W 'auto never' -- "$cur")); return ;;
    esac
    case "$cmd" in
        scan)
            if [[ "$cur" == -* ]]; then
                COMPREPLY=($(compgen -W "--format --output --staged --hook --baseline --write-baseline
                    --allow --config --no-config --files-from --max-file-size --max-findings --ocr --ocr-dpi --shard --cache --file-timeout
                    --isolate --no-isolate --fail-on --jobs --rules --lang --show-values --mask-values
                    --color --exclude --include" -- "$cur"))
            else
                COMPREPLY=($(compgen -f -- "$cur"))
            fi ;;
        explain)
            COMPREPLY=($(compgen -W "$(pdpascan rules 2>/dev/null | awk '!/^#/ {print $1}')" -- "$cur")) ;;
        redact)
            if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "--output --level --scrub-metadata --rules" -- "$cur"))
            else COMPREPLY=($(compgen -f -- "$cur")); fi ;;
        serve)
            if [[ "$prev" == --token-file ]]; then COMPREPLY=($(compgen -f -- "$cur"))
            else COMPREPLY=($(compgen -W "--listen --token-file --max-upload --jobs --queue --timeout --rules" -- "$cur")); fi ;;
        annotate)
            if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "--output --show-values --lang --fail-on --rules" -- "$cur"))
            else COMPREPLY=($(compgen -f -X '!*.[pP][dD][fF]' -- "$cur")); fi ;;
        text)
            if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "--normalized --rules" -- "$cur"))
            else COMPREPLY=($(compgen -f -- "$cur")); fi ;;
        hook) COMPREPLY=($(compgen -W "install uninstall --force" -- "$cur")) ;;
        rules|version) COMPREPLY=($(compgen -W "--rules" -- "$cur")) ;;
    esac
}
complete -o filenames -F _pdpascan pdpascan
