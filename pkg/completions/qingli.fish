# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_qingli_global_optspecs
    string join \n h/help V/version register= as-of= width= wide o/output=
end

function __fish_qingli_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_qingli_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_qingli_using_subcommand
    set -l cmd (__fish_qingli_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c qingli -n "__fish_qingli_needs_command" -l register -d '登记簿目录(含 qingli.toml)' -r -F
complete -c qingli -n "__fish_qingli_needs_command" -l as-of -d '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天' -r
complete -c qingli -n "__fish_qingli_needs_command" -l width -d '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限' -r
complete -c qingli -n "__fish_qingli_needs_command" -s o -l output -d '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)' -r -F
complete -c qingli -n "__fish_qingli_needs_command" -s h -l help -d '显示帮助'
complete -c qingli -n "__fish_qingli_needs_command" -s V -l version -d '显示版本'
complete -c qingli -n "__fish_qingli_needs_command" -l wide -d '表格显示全部列,不按终端宽度省略'
complete -c qingli -n "__fish_qingli_needs_command" -f -a "check" -d '检查登记簿:语法、必填字段、日期、文号、引用等,一次报告全部问题'
complete -c qingli -n "__fish_qingli_needs_command" -f -a "review" -d '按清理原则评估每件文件,给出规则建议并与清理意见比对'
complete -c qingli -n "__fish_qingli_needs_command" -f -a "init" -d '新建登记簿骨架(qingli.toml、documents/、laws/ 常用法律表)'
complete -c qingli -n "__fish_qingli_needs_command" -f -a "new" -d '新建一件文件记录'
complete -c qingli -n "__fish_qingli_needs_command" -f -a "laws" -d '上位法库:各法律在评估日的状态与被引用次数;`laws impact NAME` 列出受某部法律变动影响的文件'
complete -c qingli -n "__fish_qingli_needs_command" -f -a "decide" -d '记录一件文件的清理意见(写入该记录的 [review],其他内容原样保留)'
complete -c qingli -n "__fish_qingli_needs_command" -f -a "import" -d '从电子表格导入文件记录(.xlsx、.xls、.ods、.csv;现行有效目录、清理意见表等)'
complete -c qingli -n "__fish_qingli_needs_command" -f -a "deadlines" -d '期限提醒:有效期、评估、定期清理、备案、公开、清理阶段、修改完成、上位法变动(D1–D8)'
complete -c qingli -n "__fish_qingli_needs_command" -f -a "catalog" -d '生成清理目录:附件1–4、现行有效目录与清理结果说明(可选 Excel)'
complete -c qingli -n "__fish_qingli_needs_command" -f -a "site" -d '生成对外公布的静态网站:现行有效目录(可按名称、文号和正文搜索)、每件文件一页(带可公开的正文)、清理结果、统计图'
complete -c qingli -n "__fish_qingli_needs_command" -f -a "diff" -d '比较登记簿的两个 git 版本:新增、删除、变更的文件,清理结论如何变化及原因'
complete -c qingli -n "__fish_qingli_needs_command" -f -a "fmt" -d '把文件记录、法律库和文本整理为统一格式(保留全部注释和取值;文本只整理空白和换行)'
complete -c qingli -n "__fish_qingli_needs_command" -f -a "text" -d '文件的文本(正文):从 .docx、.doc、.wps、.txt、.html、.pdf 读入,放在记录旁边'
complete -c qingli -n "__fish_qingli_needs_command" -f -a "scan" -d '读文本:依据的法律、施行日期与有效期、同时废止的文件、审查要点,与记录对照(只作提示,不改变清理结论)'
complete -c qingli -n "__fish_qingli_needs_command" -f -a "completions" -d '输出 shell 补全脚本,例如 qingli completions bash > /etc/bash_completion.d/qingli'
complete -c qingli -n "__fish_qingli_needs_command" -f -a "man" -d '输出 man 手册页(roff 格式),例如 qingli man > qingli.1'
complete -c qingli -n "__fish_qingli_using_subcommand check" -l format -d '输出格式' -r -f -a "human\t'供人阅读的逐行诊断'
json\t'JSON,供 CI 使用'
jsonl\t'JSON Lines:每行一条诊断(与 JSON 格式的 diagnostics 条目相同)'"
complete -c qingli -n "__fish_qingli_using_subcommand check" -l deny -d '把这个检查代码视为错误(可重复),例如 --deny unknown-law' -r
complete -c qingli -n "__fish_qingli_using_subcommand check" -l warn -d '把这个警告类检查代码保留为警告(可重复;覆盖 qingli.toml 的 [check])' -r
complete -c qingli -n "__fish_qingli_using_subcommand check" -l allow -d '不报告这个警告类检查代码(可重复),例如 --allow doc-number-brackets' -r
complete -c qingli -n "__fish_qingli_using_subcommand check" -l register -d '登记簿目录(含 qingli.toml)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand check" -l as-of -d '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天' -r
complete -c qingli -n "__fish_qingli_using_subcommand check" -l width -d '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限' -r
complete -c qingli -n "__fish_qingli_using_subcommand check" -s o -l output -d '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand check" -l strict -d '严格模式:清理意见与规则建议不一致且无 override_reason 时视为错误(即 --deny disagreement)'
complete -c qingli -n "__fish_qingli_using_subcommand check" -s h -l help -d '显示帮助'
complete -c qingli -n "__fish_qingli_using_subcommand check" -l wide -d '表格显示全部列,不按终端宽度省略'
complete -c qingli -n "__fish_qingli_using_subcommand review" -l format -d '输出格式' -r -f -a "table\t'终端表格'
csv\t'CSV(UTF-8)'
json\t'JSON(字段名见 docs/outputs.md)'
jsonl\t'JSON Lines:每行一个对象(与 JSON 格式的条目相同),流式输出,供 DuckDB、pandas 等读取'
markdown\t'Markdown 表格'"
complete -c qingli -n "__fish_qingli_using_subcommand review" -l unit -d '只列出该责任单位的文件' -r
complete -c qingli -n "__fish_qingli_using_subcommand review" -l verdict -d '只列出清理意见(未定时为规则建议)为此项的文件' -r -f -a "保留\t''
修改\t''
废止\t''
失效\t''"
complete -c qingli -n "__fish_qingli_using_subcommand review" -l id -d '只列出这些 id 的文件(可重复)' -r
complete -c qingli -n "__fish_qingli_using_subcommand review" -l explain -d '详细说明一件文件(id 或文号)的事实、每条规则的判断与结论' -r
complete -c qingli -n "__fish_qingli_using_subcommand review" -l register -d '登记簿目录(含 qingli.toml)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand review" -l as-of -d '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天' -r
complete -c qingli -n "__fish_qingli_using_subcommand review" -l width -d '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限' -r
complete -c qingli -n "__fish_qingli_using_subcommand review" -s o -l output -d '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand review" -l disagreements -d '只列出清理意见与规则建议不一致的文件'
complete -c qingli -n "__fish_qingli_using_subcommand review" -l all -d '表格中也列出不在本次清理之列的文件(新制定、已废止、已失效)'
complete -c qingli -n "__fish_qingli_using_subcommand review" -s i -l interactive -d '交互式审查:在终端中逐件查看规则判断并记录清理意见(需要终端;脚本中用 qingli decide)'
complete -c qingli -n "__fish_qingli_using_subcommand review" -s h -l help -d '显示帮助'
complete -c qingli -n "__fish_qingli_using_subcommand review" -l wide -d '表格显示全部列,不按终端宽度省略'
complete -c qingli -n "__fish_qingli_using_subcommand init" -l name -d '登记簿名称,例如「永嘉县水利局行政规范性文件登记簿」' -r
complete -c qingli -n "__fish_qingli_using_subcommand init" -l register -d '登记簿目录(含 qingli.toml)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand init" -l as-of -d '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天' -r
complete -c qingli -n "__fish_qingli_using_subcommand init" -l width -d '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限' -r
complete -c qingli -n "__fish_qingli_using_subcommand init" -s o -l output -d '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand init" -s h -l help -d '显示帮助'
complete -c qingli -n "__fish_qingli_using_subcommand init" -l wide -d '表格显示全部列,不按终端宽度省略'
complete -c qingli -n "__fish_qingli_using_subcommand new" -l title -d '文件名称' -r
complete -c qingli -n "__fish_qingli_using_subcommand new" -l issuer -d '制定机关' -r
complete -c qingli -n "__fish_qingli_using_subcommand new" -l issued -d '发布(印发)日期,YYYY-MM-DD' -r
complete -c qingli -n "__fish_qingli_using_subcommand new" -l doc-number -d '文号,例如 永政发〔2007〕58号(括号会规范为〔〕)' -r
complete -c qingli -n "__fish_qingli_using_subcommand new" -l kind -d '文件类别(默认 规范性文件)' -r
complete -c qingli -n "__fish_qingli_using_subcommand new" -l effective -d '施行日期,YYYY-MM-DD(默认同发布日期)' -r
complete -c qingli -n "__fish_qingli_using_subcommand new" -l expires -d '有效期至,YYYY-MM-DD' -r
complete -c qingli -n "__fish_qingli_using_subcommand new" -l responsible-unit -d '清理责任单位(默认为牵头单位或制定机关)' -r
complete -c qingli -n "__fish_qingli_using_subcommand new" -l co-issuer -d '联合发文机关(可重复)' -r
complete -c qingli -n "__fish_qingli_using_subcommand new" -l lead-unit -d '联合发文的牵头单位' -r
complete -c qingli -n "__fish_qingli_using_subcommand new" -l basis -d '上位法依据(可重复);不在法律库中时提示最相近的法律名称' -r
complete -c qingli -n "__fish_qingli_using_subcommand new" -l applies-until -d '适用期至,YYYY-MM-DD(有适用期的临时性文件)' -r
complete -c qingli -n "__fish_qingli_using_subcommand new" -l superseded-by -d '已被哪件文件(文号或 id)或法律替代' -r
complete -c qingli -n "__fish_qingli_using_subcommand new" -l id -d '记录 id(文件名);默认由文号或标题生成' -r
complete -c qingli -n "__fish_qingli_using_subcommand new" -l dir -d '放在 documents/ 下的子目录,例如 2007' -r
complete -c qingli -n "__fish_qingli_using_subcommand new" -l register -d '登记簿目录(含 qingli.toml)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand new" -l as-of -d '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天' -r
complete -c qingli -n "__fish_qingli_using_subcommand new" -l width -d '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限' -r
complete -c qingli -n "__fish_qingli_using_subcommand new" -s o -l output -d '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand new" -l provisional -d '暂行、试行文件(有效期最长 2 年)'
complete -c qingli -n "__fish_qingli_using_subcommand new" -s h -l help -d '显示帮助'
complete -c qingli -n "__fish_qingli_using_subcommand new" -l wide -d '表格显示全部列,不按终端宽度省略'
complete -c qingli -n "__fish_qingli_using_subcommand laws; and not __fish_seen_subcommand_from impact" -l format -d '输出格式' -r -f -a "table\t'终端表格'
csv\t'CSV(UTF-8)'
json\t'JSON(字段名见 docs/outputs.md)'
jsonl\t'JSON Lines:每行一个对象(与 JSON 格式的条目相同),流式输出,供 DuckDB、pandas 等读取'
markdown\t'Markdown 表格'"
complete -c qingli -n "__fish_qingli_using_subcommand laws; and not __fish_seen_subcommand_from impact" -l register -d '登记簿目录(含 qingli.toml)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand laws; and not __fish_seen_subcommand_from impact" -l as-of -d '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天' -r
complete -c qingli -n "__fish_qingli_using_subcommand laws; and not __fish_seen_subcommand_from impact" -l width -d '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限' -r
complete -c qingli -n "__fish_qingli_using_subcommand laws; and not __fish_seen_subcommand_from impact" -s o -l output -d '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand laws; and not __fish_seen_subcommand_from impact" -s h -l help -d '显示帮助'
complete -c qingli -n "__fish_qingli_using_subcommand laws; and not __fish_seen_subcommand_from impact" -l wide -d '表格显示全部列,不按终端宽度省略'
complete -c qingli -n "__fish_qingli_using_subcommand laws; and not __fish_seen_subcommand_from impact" -f -a "impact" -d '某部法律修订或废止后,引用它的文件中哪些尚未对照审查'
complete -c qingli -n "__fish_qingli_using_subcommand laws; and __fish_seen_subcommand_from impact" -l fail-on -d '用于 CI:有需要清理(尚未对照审查)的文件时退出码为 1' -r -f -a "needs-cleanup\t'有需要清理的文件时退出码为 1'"
complete -c qingli -n "__fish_qingli_using_subcommand laws; and __fish_seen_subcommand_from impact" -l format -d '输出格式' -r -f -a "table\t'终端表格'
csv\t'CSV(UTF-8)'
json\t'JSON(字段名见 docs/outputs.md)'
jsonl\t'JSON Lines:每行一个对象(与 JSON 格式的条目相同),流式输出,供 DuckDB、pandas 等读取'
markdown\t'Markdown 表格'"
complete -c qingli -n "__fish_qingli_using_subcommand laws; and __fish_seen_subcommand_from impact" -l register -d '登记簿目录(含 qingli.toml)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand laws; and __fish_seen_subcommand_from impact" -l as-of -d '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天' -r
complete -c qingli -n "__fish_qingli_using_subcommand laws; and __fish_seen_subcommand_from impact" -l width -d '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限' -r
complete -c qingli -n "__fish_qingli_using_subcommand laws; and __fish_seen_subcommand_from impact" -s o -l output -d '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand laws; and __fish_seen_subcommand_from impact" -s h -l help -d '显示帮助'
complete -c qingli -n "__fish_qingli_using_subcommand laws; and __fish_seen_subcommand_from impact" -l wide -d '表格显示全部列,不按终端宽度省略'
complete -c qingli -n "__fish_qingli_using_subcommand decide" -l reason -d '清理意见的理由' -r
complete -c qingli -n "__fish_qingli_using_subcommand decide" -l override-reason -d '不采纳规则建议的理由(清理意见与规则建议不同时填写,check --strict 才能通过)' -r
complete -c qingli -n "__fish_qingli_using_subcommand decide" -l reviewer -d '审核人;默认取环境变量 QINGLI_REVIEWER,否则为 git 的 user.name' -r
complete -c qingli -n "__fish_qingli_using_subcommand decide" -l date -d '作出清理意见的日期(decided);默认为今天' -r
complete -c qingli -n "__fish_qingli_using_subcommand decide" -l approved -d '审批日期(approved)' -r
complete -c qingli -n "__fish_qingli_using_subcommand decide" -l published -d '公布日期(published)' -r
complete -c qingli -n "__fish_qingli_using_subcommand decide" -l revised -d '修改完成日期(revised)' -r
complete -c qingli -n "__fish_qingli_using_subcommand decide" -l register -d '登记簿目录(含 qingli.toml)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand decide" -l as-of -d '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天' -r
complete -c qingli -n "__fish_qingli_using_subcommand decide" -l width -d '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限' -r
complete -c qingli -n "__fish_qingli_using_subcommand decide" -s o -l output -d '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand decide" -s h -l help -d '显示帮助'
complete -c qingli -n "__fish_qingli_using_subcommand decide" -l wide -d '表格显示全部列,不按终端宽度省略'
complete -c qingli -n "__fish_qingli_using_subcommand import" -l sheet -d '只导入这张工作表(默认导入每张工作表)' -r
complete -c qingli -n "__fish_qingli_using_subcommand import" -l issuer -d '表中没有制定机关一列(或单元格为空)时使用的制定机关' -r
complete -c qingli -n "__fish_qingli_using_subcommand import" -l dir -d '新记录放在 documents/ 下的这个子目录' -r
complete -c qingli -n "__fish_qingli_using_subcommand import" -l map -d '增加列名对应,例如 --map 文件标题名称=title(可重复;KEY 见 docs/import.md)' -r
complete -c qingli -n "__fish_qingli_using_subcommand import" -l format -d '输出格式' -r -f -a "human\t'供人阅读的报告'
json\t'JSON,供脚本使用'"
complete -c qingli -n "__fish_qingli_using_subcommand import" -l register -d '登记簿目录(含 qingli.toml)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand import" -l as-of -d '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天' -r
complete -c qingli -n "__fish_qingli_using_subcommand import" -l width -d '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限' -r
complete -c qingli -n "__fish_qingli_using_subcommand import" -s o -l output -d '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand import" -l update -d '已在登记簿中的文件:补填记录中没有的字段和清理意见(与记录矛盾的值是错误,不覆盖)'
complete -c qingli -n "__fish_qingli_using_subcommand import" -l dry-run -d '只报告将新建、更新哪些记录,不写入任何文件'
complete -c qingli -n "__fish_qingli_using_subcommand import" -s h -l help -d '显示帮助'
complete -c qingli -n "__fish_qingli_using_subcommand import" -l wide -d '表格显示全部列,不按终端宽度省略'
complete -c qingli -n "__fish_qingli_using_subcommand deadlines" -l format -d '输出格式' -r -f -a "table\t'按责任单位分组的终端表格'
csv\t'CSV(UTF-8)'
json\t'JSON(字段名见 docs/outputs.md)'
markdown\t'Markdown'
ics\t'iCalendar(.ics),可导入日历应用订阅'
jsonl\t'JSON Lines:每行一个期限事项(与 JSON 格式的 items 条目相同)'
xlsx\t'Excel 工作簿(每个责任单位一张表,便于分发),写到标准输出:> 期限提醒.xlsx'"
complete -c qingli -n "__fish_qingli_using_subcommand deadlines" -l within -d '“即将到期”的天数窗口' -r
complete -c qingli -n "__fish_qingli_using_subcommand deadlines" -l unit -d '只列出该责任单位的事项' -r
complete -c qingli -n "__fish_qingli_using_subcommand deadlines" -l kind -d '只列出这些类别(D1–D8,可重复)' -r
complete -c qingli -n "__fish_qingli_using_subcommand deadlines" -l fail-on -d '用于定时任务:列出的事项中有此类事项时退出码为 1;登记簿有错误(有文件未能评估)时也为 1' -r -f -a "overdue\t'有已逾期事项时退出码为 1'
due\t'有已逾期或即将到期事项时退出码为 1'"
complete -c qingli -n "__fish_qingli_using_subcommand deadlines" -l from -d '只看此日及以后到期的事项(默认取 [policy] deadlines_from);更早到期的不计入 --fail-on,也不在默认视图中(--all 仍列出)' -r
complete -c qingli -n "__fish_qingli_using_subcommand deadlines" -l register -d '登记簿目录(含 qingli.toml)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand deadlines" -l as-of -d '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天' -r
complete -c qingli -n "__fish_qingli_using_subcommand deadlines" -l width -d '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限' -r
complete -c qingli -n "__fish_qingli_using_subcommand deadlines" -s o -l output -d '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand deadlines" -l all -d '列出全部事项(含已完成和尚早的);默认只列已逾期和即将到期的未完成事项'
complete -c qingli -n "__fish_qingli_using_subcommand deadlines" -s h -l help -d '显示帮助'
complete -c qingli -n "__fish_qingli_using_subcommand deadlines" -l wide -d '表格显示全部列,不按终端宽度省略'
complete -c qingli -n "__fish_qingli_using_subcommand catalog" -l out -d '输出目录(不存在时创建);只在此目录中写文件' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand catalog" -l encoding -d 'CSV 文件编码' -r -f -a "utf8-bom\t'UTF-8 带 BOM:在中文 Windows 的 Excel、WPS 中直接打开不乱码(默认)'
utf8\t'不带 BOM 的 UTF-8,供程序处理'
gb18030\t'GB18030,供只认国标编码的旧系统'"
complete -c qingli -n "__fish_qingli_using_subcommand catalog" -l register -d '登记簿目录(含 qingli.toml)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand catalog" -l as-of -d '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天' -r
complete -c qingli -n "__fish_qingli_using_subcommand catalog" -l width -d '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限' -r
complete -c qingli -n "__fish_qingli_using_subcommand catalog" -s o -l output -d '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand catalog" -l xlsx -d '同时写出 Excel 工作簿 清理结果.xlsx(每个附件一张表)'
complete -c qingli -n "__fish_qingli_using_subcommand catalog" -l docx -d '同时写出 Word 公文草稿 清理结果通知.docx(按 GB/T 9704 排版,附件1–4 为表格;设置见 qingli.toml 的 [notice])'
complete -c qingli -n "__fish_qingli_using_subcommand catalog" -l require-decisions -d '定稿用:有文件尚未作出清理意见时报错(退出码 1),不写出目录'
complete -c qingli -n "__fish_qingli_using_subcommand catalog" -l allow-errors -d '登记簿有错误时仍写出目录(草稿):未能评估的文件列在 清理结果.md 的“未能评估的文件”一节'
complete -c qingli -n "__fish_qingli_using_subcommand catalog" -s h -l help -d '显示帮助'
complete -c qingli -n "__fish_qingli_using_subcommand catalog" -l wide -d '表格显示全部列,不按终端宽度省略'
complete -c qingli -n "__fish_qingli_using_subcommand site" -l out -d '输出目录(不存在时创建);只在此目录中写文件。目录非空时须为 qingli 生成的网站(有 .qingli-site 标记)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand site" -l base-url -d '网站发布后的地址(如 https://www.example.gov.cn/gfxwj),用于各页的规范链接;页面之间一律用相对链接' -r
complete -c qingli -n "__fish_qingli_using_subcommand site" -l title -d '网站标题;默认为 qingli.toml 中 [register] name(去掉“登记簿”),否则“行政规范性文件库”' -r
complete -c qingli -n "__fish_qingli_using_subcommand site" -l register -d '登记簿目录(含 qingli.toml)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand site" -l as-of -d '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天' -r
complete -c qingli -n "__fish_qingli_using_subcommand site" -l width -d '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限' -r
complete -c qingli -n "__fish_qingli_using_subcommand site" -s o -l output -d '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand site" -l with-catalog -d '同时在输出目录写出目录文件(附件1–4、现行有效目录 CSV 与 清理结果.xlsx),并在清理结果页提供下载'
complete -c qingli -n "__fish_qingli_using_subcommand site" -l with-notice -d '同时写出并提供下载 Word 通知(清理结果通知.docx)和 清理结果.md;它们是内部文稿,默认不公开'
complete -c qingli -n "__fish_qingli_using_subcommand site" -l allow-errors -d '登记簿有错误时仍生成网站(草稿):首页和清理结果页列出未能评估的文件,其他各页注明件数'
complete -c qingli -n "__fish_qingli_using_subcommand site" -s h -l help -d '显示帮助'
complete -c qingli -n "__fish_qingli_using_subcommand site" -l wide -d '表格显示全部列,不按终端宽度省略'
complete -c qingli -n "__fish_qingli_using_subcommand diff" -l format -d '输出格式' -r -f -a "text\t'供终端阅读'
markdown\t'Markdown,可直接作为合并请求的评论'
json\t'JSON,供机器人和脚本'"
complete -c qingli -n "__fish_qingli_using_subcommand diff" -l fail-on -d '用于 CI:新版本有检查错误时退出码为 1' -r -f -a "errors\t'新版本有检查错误时退出码为 1'"
complete -c qingli -n "__fish_qingli_using_subcommand diff" -l register -d '登记簿目录(含 qingli.toml)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand diff" -l as-of -d '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天' -r
complete -c qingli -n "__fish_qingli_using_subcommand diff" -l width -d '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限' -r
complete -c qingli -n "__fish_qingli_using_subcommand diff" -s o -l output -d '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand diff" -s h -l help -d '显示帮助'
complete -c qingli -n "__fish_qingli_using_subcommand diff" -l wide -d '表格显示全部列,不按终端宽度省略'
complete -c qingli -n "__fish_qingli_using_subcommand fmt" -l register -d '登记簿目录(含 qingli.toml)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand fmt" -l as-of -d '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天' -r
complete -c qingli -n "__fish_qingli_using_subcommand fmt" -l width -d '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限' -r
complete -c qingli -n "__fish_qingli_using_subcommand fmt" -s o -l output -d '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand fmt" -l check -d '只检查不改写:列出需要格式化的文件和差异,有则退出码为 1(用于 CI)'
complete -c qingli -n "__fish_qingli_using_subcommand fmt" -s h -l help -d '显示帮助'
complete -c qingli -n "__fish_qingli_using_subcommand fmt" -l wide -d '表格显示全部列,不按终端宽度省略'
complete -c qingli -n "__fish_qingli_using_subcommand text; and not __fish_seen_subcommand_from add import" -l register -d '登记簿目录(含 qingli.toml)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand text; and not __fish_seen_subcommand_from add import" -l as-of -d '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天' -r
complete -c qingli -n "__fish_qingli_using_subcommand text; and not __fish_seen_subcommand_from add import" -l width -d '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限' -r
complete -c qingli -n "__fish_qingli_using_subcommand text; and not __fish_seen_subcommand_from add import" -s o -l output -d '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand text; and not __fish_seen_subcommand_from add import" -s h -l help -d '显示帮助'
complete -c qingli -n "__fish_qingli_using_subcommand text; and not __fish_seen_subcommand_from add import" -l wide -d '表格显示全部列,不按终端宽度省略'
complete -c qingli -n "__fish_qingli_using_subcommand text; and not __fish_seen_subcommand_from add import" -f -a "add" -d '读入一件文件的文本:qingli text add 永政发〔2006〕3号 宅基地管理办法.docx'
complete -c qingli -n "__fish_qingli_using_subcommand text; and not __fish_seen_subcommand_from add import" -f -a "import" -d '批量读入文本:按文件名或正文开头的文号、标题找到对应的记录;有任何问题就不写入'
complete -c qingli -n "__fish_qingli_using_subcommand text; and __fish_seen_subcommand_from add" -l register -d '登记簿目录(含 qingli.toml)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand text; and __fish_seen_subcommand_from add" -l as-of -d '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天' -r
complete -c qingli -n "__fish_qingli_using_subcommand text; and __fish_seen_subcommand_from add" -l width -d '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限' -r
complete -c qingli -n "__fish_qingli_using_subcommand text; and __fish_seen_subcommand_from add" -s o -l output -d '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand text; and __fish_seen_subcommand_from add" -l replace -d '已有不同的文本时替换它(否则不改动并报告)'
complete -c qingli -n "__fish_qingli_using_subcommand text; and __fish_seen_subcommand_from add" -s h -l help -d '显示帮助'
complete -c qingli -n "__fish_qingli_using_subcommand text; and __fish_seen_subcommand_from add" -l wide -d '表格显示全部列,不按终端宽度省略'
complete -c qingli -n "__fish_qingli_using_subcommand text; and __fish_seen_subcommand_from import" -l register -d '登记簿目录(含 qingli.toml)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand text; and __fish_seen_subcommand_from import" -l as-of -d '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天' -r
complete -c qingli -n "__fish_qingli_using_subcommand text; and __fish_seen_subcommand_from import" -l width -d '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限' -r
complete -c qingli -n "__fish_qingli_using_subcommand text; and __fish_seen_subcommand_from import" -s o -l output -d '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand text; and __fish_seen_subcommand_from import" -l dry-run -d '只列出计划:每个文件对应哪件记录,不写入'
complete -c qingli -n "__fish_qingli_using_subcommand text; and __fish_seen_subcommand_from import" -l replace -d '已有不同的文本时替换它(否则作为问题报告,不写入任何文件)'
complete -c qingli -n "__fish_qingli_using_subcommand text; and __fish_seen_subcommand_from import" -s h -l help -d '显示帮助'
complete -c qingli -n "__fish_qingli_using_subcommand text; and __fish_seen_subcommand_from import" -l wide -d '表格显示全部列,不按终端宽度省略'
complete -c qingli -n "__fish_qingli_using_subcommand scan" -l id -d '只读这些 id 的文件的文本(可重复)' -r
complete -c qingli -n "__fish_qingli_using_subcommand scan" -l format -d '输出格式' -r -f -a "human\t'供人阅读:逐件列出'
json\t'JSON,供脚本使用'"
complete -c qingli -n "__fish_qingli_using_subcommand scan" -l register -d '登记簿目录(含 qingli.toml)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand scan" -l as-of -d '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天' -r
complete -c qingli -n "__fish_qingli_using_subcommand scan" -l width -d '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限' -r
complete -c qingli -n "__fish_qingli_using_subcommand scan" -s o -l output -d '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand scan" -l apply -d '把记录缺少的 basis、effective、expires、provisional 按文本写入记录(记录已有的值一律不改)'
complete -c qingli -n "__fish_qingli_using_subcommand scan" -s h -l help -d '显示帮助'
complete -c qingli -n "__fish_qingli_using_subcommand scan" -l wide -d '表格显示全部列,不按终端宽度省略'
complete -c qingli -n "__fish_qingli_using_subcommand completions" -l register -d '登记簿目录(含 qingli.toml)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand completions" -l as-of -d '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天' -r
complete -c qingli -n "__fish_qingli_using_subcommand completions" -l width -d '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限' -r
complete -c qingli -n "__fish_qingli_using_subcommand completions" -s o -l output -d '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand completions" -s h -l help -d '显示帮助'
complete -c qingli -n "__fish_qingli_using_subcommand completions" -l wide -d '表格显示全部列,不按终端宽度省略'
complete -c qingli -n "__fish_qingli_using_subcommand man" -l register -d '登记簿目录(含 qingli.toml)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand man" -l as-of -d '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天' -r
complete -c qingli -n "__fish_qingli_using_subcommand man" -l width -d '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限' -r
complete -c qingli -n "__fish_qingli_using_subcommand man" -s o -l output -d '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)' -r -F
complete -c qingli -n "__fish_qingli_using_subcommand man" -s h -l help -d '显示帮助'
complete -c qingli -n "__fish_qingli_using_subcommand man" -l wide -d '表格显示全部列,不按终端宽度省略'
