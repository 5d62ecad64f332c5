import EenloketStore
import Testing

/// The splitter the migration runner uses: statements end at a `;` outside
/// quotes, dollar quotes and comments.
@Suite("Migrations: the SQL statement splitter")
struct SQLScriptTests {
    @Test func splitsAtSemicolonsAndDropsEmptyAndCommentOnlyParts() {
        #expect(SQLScript.statements("SELECT 1; SELECT 2;\n;\n-- only a comment\n") == ["SELECT 1", "SELECT 2"])
        #expect(SQLScript.statements("SELECT 3") == ["SELECT 3"], "the last statement needs no semicolon")
        #expect(SQLScript.statements("") == [])
    }

    @Test func keepsSemicolonsInsideQuotesAndIdentifiers() {
        #expect(SQLScript.statements("SELECT 'a;b', 'it''s;'; SELECT 2") == ["SELECT 'a;b', 'it''s;'", "SELECT 2"])
        #expect(SQLScript.statements(#"CREATE TABLE "odd;name" (x int); SELECT 1"#) == [#"CREATE TABLE "odd;name" (x int)"#, "SELECT 1"])
    }

    @Test func keepsFunctionBodiesInDollarQuotesWhole() {
        let function = """
            CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM 1; RETURN 2;
            END $$
            """
        let tagged = "DO $body$ BEGIN RAISE NOTICE '$$;'; END $body$"
        #expect(SQLScript.statements(function + ";\n" + tagged + ";") == [function, tagged])
    }

    @Test func keepsSemicolonsInsideCommentsIncludingNestedBlockComments() {
        let script = """
            SELECT 1 -- a comment; not a statement end
            ; /* outer; /* inner; */ still comment; */ SELECT 2;
            """
        let statements = SQLScript.statements(script)
        #expect(statements.count == 2)
        #expect(statements[0] == "SELECT 1 -- a comment; not a statement end")
        #expect(statements[1] == "/* outer; /* inner; */ still comment; */ SELECT 2")
    }

    @Test func aDollarSignThatIsNotAQuoteIsOrdinaryText() {
        #expect(SQLScript.statements("SELECT $1; SELECT 2") == ["SELECT $1", "SELECT 2"])
    }
}
