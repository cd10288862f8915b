import Foundation
import Testing
@testable import Engine

@Suite("Process statistics from /proc")
struct MetricsProcessStatisticsTests {
    @Test func residentPagesIsTheSecondFieldOfStatm() {
        #expect(ProcessStatistics.residentPages(statm: Array("5432 1234 567 89 0 2345 0\n".utf8)) == 1234)
        #expect(ProcessStatistics.residentPages(statm: Array("5432\n".utf8)) == nil)
        #expect(ProcessStatistics.residentPages(statm: Array("5432 12x4 0\n".utf8)) == nil)
        #expect(ProcessStatistics.residentPages(statm: []) == nil)
    }

    @Test func cpuTicksAddsUtimeAndStimeCountingFromTheLastParenthesis() {
        let stat = "4242 (odd) name)) S 1 4242 4242 0 -1 4194560 900 0 0 0 150 25 0 0 20 0 3 0 12345 9999 300\n"
        #expect(ProcessStatistics.cpuTicks(stat: Array(stat.utf8)) == 175)
        #expect(ProcessStatistics.cpuTicks(stat: Array("4242 (x) S 1 2".utf8)) == nil)
        #expect(ProcessStatistics.cpuTicks(stat: Array("no parenthesis".utf8)) == nil)
        #expect(ProcessStatistics.cpuTicks(stat: Array("1 (x) S 1 2 3 4 5 6 7 8 9 99999999999999999999 1".utf8)) == nil)
    }

    @Test func parsesThisProcessesProcFiles() throws {
        let statm = try #require(FileManager.default.contents(atPath: "/proc/self/statm"))
        let pages = try #require(ProcessStatistics.residentPages(statm: Array(statm)))
        #expect(pages > 0)
        let stat = try #require(FileManager.default.contents(atPath: "/proc/self/stat"))
        #expect(ProcessStatistics.cpuTicks(stat: Array(stat)) != nil)
    }
}
