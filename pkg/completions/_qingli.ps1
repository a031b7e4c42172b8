
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'qingli' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'qingli'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'qingli' {
            [CompletionResult]::new('--register', '--register', [CompletionResultType]::ParameterName, '登记簿目录(含 qingli.toml)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, '显示版本')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, '显示版本')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, '表格显示全部列,不按终端宽度省略')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, '检查登记簿:语法、必填字段、日期、文号、引用等,一次报告全部问题')
            [CompletionResult]::new('review', 'review', [CompletionResultType]::ParameterValue, '按清理原则评估每件文件,给出规则建议并与清理意见比对')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, '新建登记簿骨架(qingli.toml、documents/、laws/ 常用法律表)')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, '新建一件文件记录')
            [CompletionResult]::new('laws', 'laws', [CompletionResultType]::ParameterValue, '上位法库:各法律在评估日的状态与被引用次数;`laws impact NAME` 列出受某部法律变动影响的文件')
            [CompletionResult]::new('decide', 'decide', [CompletionResultType]::ParameterValue, '记录一件文件的清理意见(写入该记录的 [review],其他内容原样保留)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, '从电子表格导入文件记录(.xlsx、.xls、.ods、.csv;现行有效目录、清理意见表等)')
            [CompletionResult]::new('deadlines', 'deadlines', [CompletionResultType]::ParameterValue, '期限提醒:有效期、评估、定期清理、备案、公开、清理阶段、修改完成、上位法变动(D1–D8)')
            [CompletionResult]::new('catalog', 'catalog', [CompletionResultType]::ParameterValue, '生成清理目录:附件1–4、现行有效目录与清理结果说明(可选 Excel)')
            [CompletionResult]::new('site', 'site', [CompletionResultType]::ParameterValue, '生成对外公布的静态网站:现行有效目录(可按名称、文号和正文搜索)、每件文件一页(带可公开的正文)、清理结果、统计图')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, '比较登记簿的两个 git 版本:新增、删除、变更的文件,清理结论如何变化及原因')
            [CompletionResult]::new('fmt', 'fmt', [CompletionResultType]::ParameterValue, '把文件记录、法律库和文本整理为统一格式(保留全部注释和取值;文本只整理空白和换行)')
            [CompletionResult]::new('text', 'text', [CompletionResultType]::ParameterValue, '文件的文本(正文):从 .docx、.doc、.wps、.txt、.html、.pdf 读入,放在记录旁边')
            [CompletionResult]::new('scan', 'scan', [CompletionResultType]::ParameterValue, '读文本:依据的法律、施行日期与有效期、同时废止的文件、审查要点,与记录对照(只作提示,不改变清理结论)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, '输出 shell 补全脚本,例如 qingli completions bash > /etc/bash_completion.d/qingli')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, '输出 man 手册页(roff 格式),例如 qingli man > qingli.1')
            break
        }
        'qingli;check' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, '输出格式')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, '把这个检查代码视为错误(可重复),例如 --deny unknown-law')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, '把这个警告类检查代码保留为警告(可重复;覆盖 qingli.toml 的 [check])')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, '不报告这个警告类检查代码(可重复),例如 --allow doc-number-brackets')
            [CompletionResult]::new('--register', '--register', [CompletionResultType]::ParameterName, '登记簿目录(含 qingli.toml)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, '严格模式:清理意见与规则建议不一致且无 override_reason 时视为错误(即 --deny disagreement)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, '表格显示全部列,不按终端宽度省略')
            break
        }
        'qingli;review' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, '输出格式')
            [CompletionResult]::new('--unit', '--unit', [CompletionResultType]::ParameterName, '只列出该责任单位的文件')
            [CompletionResult]::new('--verdict', '--verdict', [CompletionResultType]::ParameterName, '只列出清理意见(未定时为规则建议)为此项的文件')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, '只列出这些 id 的文件(可重复)')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, '详细说明一件文件(id 或文号)的事实、每条规则的判断与结论')
            [CompletionResult]::new('--register', '--register', [CompletionResultType]::ParameterName, '登记簿目录(含 qingli.toml)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--disagreements', '--disagreements', [CompletionResultType]::ParameterName, '只列出清理意见与规则建议不一致的文件')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, '表格中也列出不在本次清理之列的文件(新制定、已废止、已失效)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, '交互式审查:在终端中逐件查看规则判断并记录清理意见(需要终端;脚本中用 qingli decide)')
            [CompletionResult]::new('--interactive', '--interactive', [CompletionResultType]::ParameterName, '交互式审查:在终端中逐件查看规则判断并记录清理意见(需要终端;脚本中用 qingli decide)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, '表格显示全部列,不按终端宽度省略')
            break
        }
        'qingli;init' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, '登记簿名称,例如「永嘉县水利局行政规范性文件登记簿」')
            [CompletionResult]::new('--register', '--register', [CompletionResultType]::ParameterName, '登记簿目录(含 qingli.toml)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, '表格显示全部列,不按终端宽度省略')
            break
        }
        'qingli;new' {
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, '文件名称')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, '制定机关')
            [CompletionResult]::new('--issued', '--issued', [CompletionResultType]::ParameterName, '发布(印发)日期,YYYY-MM-DD')
            [CompletionResult]::new('--doc-number', '--doc-number', [CompletionResultType]::ParameterName, '文号,例如 永政发〔2007〕58号(括号会规范为〔〕)')
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, '文件类别(默认 规范性文件)')
            [CompletionResult]::new('--effective', '--effective', [CompletionResultType]::ParameterName, '施行日期,YYYY-MM-DD(默认同发布日期)')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, '有效期至,YYYY-MM-DD')
            [CompletionResult]::new('--responsible-unit', '--responsible-unit', [CompletionResultType]::ParameterName, '清理责任单位(默认为牵头单位或制定机关)')
            [CompletionResult]::new('--co-issuer', '--co-issuer', [CompletionResultType]::ParameterName, '联合发文机关(可重复)')
            [CompletionResult]::new('--lead-unit', '--lead-unit', [CompletionResultType]::ParameterName, '联合发文的牵头单位')
            [CompletionResult]::new('--basis', '--basis', [CompletionResultType]::ParameterName, '上位法依据(可重复);不在法律库中时提示最相近的法律名称')
            [CompletionResult]::new('--applies-until', '--applies-until', [CompletionResultType]::ParameterName, '适用期至,YYYY-MM-DD(有适用期的临时性文件)')
            [CompletionResult]::new('--superseded-by', '--superseded-by', [CompletionResultType]::ParameterName, '已被哪件文件(文号或 id)或法律替代')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, '记录 id(文件名);默认由文号或标题生成')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, '放在 documents/ 下的子目录,例如 2007')
            [CompletionResult]::new('--register', '--register', [CompletionResultType]::ParameterName, '登记簿目录(含 qingli.toml)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--provisional', '--provisional', [CompletionResultType]::ParameterName, '暂行、试行文件(有效期最长 2 年)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, '表格显示全部列,不按终端宽度省略')
            break
        }
        'qingli;laws' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, '输出格式')
            [CompletionResult]::new('--register', '--register', [CompletionResultType]::ParameterName, '登记簿目录(含 qingli.toml)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, '表格显示全部列,不按终端宽度省略')
            [CompletionResult]::new('impact', 'impact', [CompletionResultType]::ParameterValue, '某部法律修订或废止后,引用它的文件中哪些尚未对照审查')
            break
        }
        'qingli;laws;impact' {
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, '用于 CI:有需要清理(尚未对照审查)的文件时退出码为 1')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, '输出格式')
            [CompletionResult]::new('--register', '--register', [CompletionResultType]::ParameterName, '登记簿目录(含 qingli.toml)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, '表格显示全部列,不按终端宽度省略')
            break
        }
        'qingli;decide' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, '清理意见的理由')
            [CompletionResult]::new('--override-reason', '--override-reason', [CompletionResultType]::ParameterName, '不采纳规则建议的理由(清理意见与规则建议不同时填写,check --strict 才能通过)')
            [CompletionResult]::new('--reviewer', '--reviewer', [CompletionResultType]::ParameterName, '审核人;默认取环境变量 QINGLI_REVIEWER,否则为 git 的 user.name')
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, '作出清理意见的日期(decided);默认为今天')
            [CompletionResult]::new('--approved', '--approved', [CompletionResultType]::ParameterName, '审批日期(approved)')
            [CompletionResult]::new('--published', '--published', [CompletionResultType]::ParameterName, '公布日期(published)')
            [CompletionResult]::new('--revised', '--revised', [CompletionResultType]::ParameterName, '修改完成日期(revised)')
            [CompletionResult]::new('--register', '--register', [CompletionResultType]::ParameterName, '登记簿目录(含 qingli.toml)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, '表格显示全部列,不按终端宽度省略')
            break
        }
        'qingli;import' {
            [CompletionResult]::new('--sheet', '--sheet', [CompletionResultType]::ParameterName, '只导入这张工作表(默认导入每张工作表)')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, '表中没有制定机关一列(或单元格为空)时使用的制定机关')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, '新记录放在 documents/ 下的这个子目录')
            [CompletionResult]::new('--map', '--map', [CompletionResultType]::ParameterName, '增加列名对应,例如 --map 文件标题名称=title(可重复;KEY 见 docs/import.md)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, '输出格式')
            [CompletionResult]::new('--register', '--register', [CompletionResultType]::ParameterName, '登记簿目录(含 qingli.toml)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--update', '--update', [CompletionResultType]::ParameterName, '已在登记簿中的文件:补填记录中没有的字段和清理意见(与记录矛盾的值是错误,不覆盖)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, '只报告将新建、更新哪些记录,不写入任何文件')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, '表格显示全部列,不按终端宽度省略')
            break
        }
        'qingli;deadlines' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, '输出格式')
            [CompletionResult]::new('--within', '--within', [CompletionResultType]::ParameterName, '“即将到期”的天数窗口')
            [CompletionResult]::new('--unit', '--unit', [CompletionResultType]::ParameterName, '只列出该责任单位的事项')
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, '只列出这些类别(D1–D8,可重复)')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, '用于定时任务:列出的事项中有此类事项时退出码为 1;登记簿有错误(有文件未能评估)时也为 1')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, '只看此日及以后到期的事项(默认取 [policy] deadlines_from);更早到期的不计入 --fail-on,也不在默认视图中(--all 仍列出)')
            [CompletionResult]::new('--register', '--register', [CompletionResultType]::ParameterName, '登记簿目录(含 qingli.toml)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, '列出全部事项(含已完成和尚早的);默认只列已逾期和即将到期的未完成事项')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, '表格显示全部列,不按终端宽度省略')
            break
        }
        'qingli;catalog' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, '输出目录(不存在时创建);只在此目录中写文件')
            [CompletionResult]::new('--encoding', '--encoding', [CompletionResultType]::ParameterName, 'CSV 文件编码')
            [CompletionResult]::new('--register', '--register', [CompletionResultType]::ParameterName, '登记簿目录(含 qingli.toml)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--xlsx', '--xlsx', [CompletionResultType]::ParameterName, '同时写出 Excel 工作簿 清理结果.xlsx(每个附件一张表)')
            [CompletionResult]::new('--docx', '--docx', [CompletionResultType]::ParameterName, '同时写出 Word 公文草稿 清理结果通知.docx(按 GB/T 9704 排版,附件1–4 为表格;设置见 qingli.toml 的 [notice])')
            [CompletionResult]::new('--require-decisions', '--require-decisions', [CompletionResultType]::ParameterName, '定稿用:有文件尚未作出清理意见时报错(退出码 1),不写出目录')
            [CompletionResult]::new('--allow-errors', '--allow-errors', [CompletionResultType]::ParameterName, '登记簿有错误时仍写出目录(草稿):未能评估的文件列在 清理结果.md 的“未能评估的文件”一节')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, '表格显示全部列,不按终端宽度省略')
            break
        }
        'qingli;site' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, '输出目录(不存在时创建);只在此目录中写文件。目录非空时须为 qingli 生成的网站(有 .qingli-site 标记)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, '网站发布后的地址(如 https://www.example.gov.cn/gfxwj),用于各页的规范链接;页面之间一律用相对链接')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, '网站标题;默认为 qingli.toml 中 [register] name(去掉“登记簿”),否则“行政规范性文件库”')
            [CompletionResult]::new('--register', '--register', [CompletionResultType]::ParameterName, '登记簿目录(含 qingli.toml)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--with-catalog', '--with-catalog', [CompletionResultType]::ParameterName, '同时在输出目录写出目录文件(附件1–4、现行有效目录 CSV 与 清理结果.xlsx),并在清理结果页提供下载')
            [CompletionResult]::new('--with-notice', '--with-notice', [CompletionResultType]::ParameterName, '同时写出并提供下载 Word 通知(清理结果通知.docx)和 清理结果.md;它们是内部文稿,默认不公开')
            [CompletionResult]::new('--allow-errors', '--allow-errors', [CompletionResultType]::ParameterName, '登记簿有错误时仍生成网站(草稿):首页和清理结果页列出未能评估的文件,其他各页注明件数')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, '表格显示全部列,不按终端宽度省略')
            break
        }
        'qingli;diff' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, '输出格式')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, '用于 CI:新版本有检查错误时退出码为 1')
            [CompletionResult]::new('--register', '--register', [CompletionResultType]::ParameterName, '登记簿目录(含 qingli.toml)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, '表格显示全部列,不按终端宽度省略')
            break
        }
        'qingli;fmt' {
            [CompletionResult]::new('--register', '--register', [CompletionResultType]::ParameterName, '登记簿目录(含 qingli.toml)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, '只检查不改写:列出需要格式化的文件和差异,有则退出码为 1(用于 CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, '表格显示全部列,不按终端宽度省略')
            break
        }
        'qingli;text' {
            [CompletionResult]::new('--register', '--register', [CompletionResultType]::ParameterName, '登记簿目录(含 qingli.toml)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, '表格显示全部列,不按终端宽度省略')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, '读入一件文件的文本:qingli text add 永政发〔2006〕3号 宅基地管理办法.docx')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, '批量读入文本:按文件名或正文开头的文号、标题找到对应的记录;有任何问题就不写入')
            break
        }
        'qingli;text;add' {
            [CompletionResult]::new('--register', '--register', [CompletionResultType]::ParameterName, '登记簿目录(含 qingli.toml)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, '已有不同的文本时替换它(否则不改动并报告)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, '表格显示全部列,不按终端宽度省略')
            break
        }
        'qingli;text;import' {
            [CompletionResult]::new('--register', '--register', [CompletionResultType]::ParameterName, '登记簿目录(含 qingli.toml)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, '只列出计划:每个文件对应哪件记录,不写入')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, '已有不同的文本时替换它(否则作为问题报告,不写入任何文件)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, '表格显示全部列,不按终端宽度省略')
            break
        }
        'qingli;scan' {
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, '只读这些 id 的文件的文本(可重复)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, '输出格式')
            [CompletionResult]::new('--register', '--register', [CompletionResultType]::ParameterName, '登记簿目录(含 qingli.toml)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--apply', '--apply', [CompletionResultType]::ParameterName, '把记录缺少的 basis、effective、expires、provisional 按文本写入记录(记录已有的值一律不改)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, '表格显示全部列,不按终端宽度省略')
            break
        }
        'qingli;completions' {
            [CompletionResult]::new('--register', '--register', [CompletionResultType]::ParameterName, '登记簿目录(含 qingli.toml)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, '表格显示全部列,不按终端宽度省略')
            break
        }
        'qingli;man' {
            [CompletionResult]::new('--register', '--register', [CompletionResultType]::ParameterName, '登记簿目录(含 qingli.toml)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, '评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, '表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, '把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, '显示帮助')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, '表格显示全部列,不按终端宽度省略')
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
