package dev.cloudpacs.dicom.net.dul;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@link StateTable} against PS3.8 Table 9-10, transcribed here a second time, independently and in
 * the standard's own layout (one line per event, one column per state, "." for a blank cell). Cross-
 * checked against the action definitions of PS3.8 section 9.2.2 (Tables 9-6 to 9-9) and pynetdicom's
 * transition table; all three agree cell for cell. Every one of the 19 x 13 cells is its own case.
 *
 * <p>Where this toolkit reads the standard's words rather than its table: AA-1 says "Send A-ABORT
 * PDU (service-user source)". For AA-1 caused by a peer PDU in Sta2 (no association yet, so there
 * is no service user to speak of) {@link UpperLayer} sends source service-provider with the reason
 * (unexpected-PDU, or the decoder's reason), which tells the peer more; see
 * {@code UpperLayerScriptedPeerTest}.
 */
class StateTableTest {
    //                                 Sta1   Sta2   Sta3   Sta4   Sta5   Sta6   Sta7   Sta8   Sta9   Sta10  Sta11  Sta12  Sta13
    private static final String[] STANDARD = {
        /* Evt1  A-ASSOCIATE rq (user) */ "AE-1   .      .      .      .      .      .      .      .      .      .      .      .",
        /* Evt2  transport connect cf  */ ".      .      .      AE-2   .      .      .      .      .      .      .      .      .",
        /* Evt3  A-ASSOCIATE-AC PDU    */ ".      AA-1   AA-8   .      AE-3   AA-8   AA-8   AA-8   AA-8   AA-8   AA-8   AA-8   AA-6",
        /* Evt4  A-ASSOCIATE-RJ PDU    */ ".      AA-1   AA-8   .      AE-4   AA-8   AA-8   AA-8   AA-8   AA-8   AA-8   AA-8   AA-6",
        /* Evt5  transport conn ind    */ "AE-5   .      .      .      .      .      .      .      .      .      .      .      .",
        /* Evt6  A-ASSOCIATE-RQ PDU    */ ".      AE-6   AA-8   .      AA-8   AA-8   AA-8   AA-8   AA-8   AA-8   AA-8   AA-8   AA-7",
        /* Evt7  A-ASSOCIATE rsp acc   */ ".      .      AE-7   .      .      .      .      .      .      .      .      .      .",
        /* Evt8  A-ASSOCIATE rsp rej   */ ".      .      AE-8   .      .      .      .      .      .      .      .      .      .",
        /* Evt9  P-DATA rq             */ ".      .      .      .      .      DT-1   .      AR-7   .      .      .      .      .",
        /* Evt10 P-DATA-TF PDU         */ ".      AA-1   AA-8   .      AA-8   DT-2   AR-6   AA-8   AA-8   AA-8   AA-8   AA-8   AA-6",
        /* Evt11 A-RELEASE rq          */ ".      .      .      .      .      AR-1   .      .      .      .      .      .      .",
        /* Evt12 A-RELEASE-RQ PDU      */ ".      AA-1   AA-8   .      AA-8   AR-2   AR-8   AA-8   AA-8   AA-8   AA-8   AA-8   AA-6",
        /* Evt13 A-RELEASE-RP PDU      */ ".      AA-1   AA-8   .      AA-8   AA-8   AR-3   AA-8   AA-8   AR-10  AR-3   AA-8   AA-6",
        /* Evt14 A-RELEASE rsp         */ ".      .      .      .      .      .      .      AR-4   AR-9   .      .      AR-4   .",
        /* Evt15 A-ABORT rq            */ ".      .      AA-1   AA-2   AA-1   AA-1   AA-1   AA-1   AA-1   AA-1   AA-1   AA-1   .",
        /* Evt16 A-ABORT PDU           */ ".      AA-2   AA-3   .      AA-3   AA-3   AA-3   AA-3   AA-3   AA-3   AA-3   AA-3   AA-2",
        /* Evt17 transport closed      */ ".      AA-5   AA-4   AA-4   AA-4   AA-4   AA-4   AA-4   AA-4   AA-4   AA-4   AA-4   AR-5",
        /* Evt18 ARTIM expired         */ ".      AA-2   .      .      .      .      .      .      .      .      .      .      AA-2",
        /* Evt19 invalid PDU           */ ".      AA-1   AA-8   .      AA-8   AA-8   AA-8   AA-8   AA-8   AA-8   AA-8   AA-8   AA-7",
    };

    /** Next state of each action, PS3.8 Tables 9-6 to 9-9 ("Next state is ..."); null where it depends. */
    private static final Map<Action, State> NEXT = new EnumMap<>(Action.class);

    static {
        String[] defs = {
            "AE-1 4", "AE-2 5", "AE-3 6", "AE-4 1", "AE-5 2", "AE-6 -", "AE-7 6", "AE-8 13",
            "DT-1 6", "DT-2 6",
            "AR-1 7", "AR-2 8", "AR-3 1", "AR-4 13", "AR-5 1", "AR-6 7", "AR-7 8", "AR-8 -", "AR-9 11", "AR-10 12",
            "AA-1 13", "AA-2 1", "AA-3 1", "AA-4 1", "AA-5 1", "AA-6 13", "AA-7 13", "AA-8 13",
        };
        for (String d : defs) {
            String[] p = d.split(" ");
            NEXT.put(action(p[0]), p[1].equals("-") ? null : State.values()[Integer.parseInt(p[1]) - 1]);
        }
    }

    private static Action action(String label) {
        return Action.valueOf(label.replace('-', '_'));
    }

    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        for (Event e : Event.values()) {
            String[] row = STANDARD[e.ordinal()].trim().split("\\s+");
            assertEquals(State.values().length, row.length, "row of " + e.label());
            for (State s : State.values()) {
                String cell = row[s.ordinal()];
                out.add(Arguments.of(s, e, cell.equals(".") ? null : action(cell)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("cells")
    void cellMatchesTable9_10(State state, Event event, Action expected) {
        Action actual = StateTable.action(state, event);
        if (expected == null) {
            assertNull(actual, state.label() + " + " + event.label() + " is blank in Table 9-10");
        } else {
            assertEquals(expected, actual, state.label() + " + " + event.label());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void actionNextStateMatchesTables9_6To9_9(Action action) {
        assertEquals(NEXT.get(action), action.next(), action.label() + " next state");
    }

    static Stream<Action> actions() {
        return Stream.of(Action.values());
    }

    @Test
    void shapeAndLabelsAreTheStandards() {
        assertEquals(13, State.values().length);
        assertEquals(19, Event.values().length);
        assertEquals(28, Action.values().length);
        assertEquals(NEXT.keySet(), java.util.Set.of(Action.values()));
        assertEquals("Sta1", State.STA1.label());
        assertEquals("Sta13", State.STA13.label());
        assertEquals("Evt19", Event.EVT19.label());
        assertEquals("AR-10", Action.AR_10.label());
    }

    @Test
    void blankCellsAreExactlyTheImpossibleOnes() {
        // Counted from the standard: 123 filled cells of 247.
        int filled = 0;
        for (State s : State.values()) {
            for (Event e : Event.values()) {
                if (StateTable.action(s, e) != null) {
                    filled++;
                }
            }
        }
        assertEquals(123, filled);
    }

    @Test
    void everyPeerEventHasAnActionInEveryStateWhereATransportConnectionExists() {
        // Sta2, Sta3 and Sta5..Sta13 have a connection; a PDU or its loss can arrive in any of them.
        for (State s : State.values()) {
            if (s == State.STA1 || s == State.STA4) {
                continue;
            }
            for (Event e : Event.values()) {
                if (e.origin() == Event.Origin.PEER || e == Event.EVT17) {
                    if (StateTable.action(s, e) == null) {
                        throw new AssertionError(s.label() + " + " + e.label() + " has no action");
                    }
                }
            }
        }
    }

    @Test
    void userEventsInSta13AreBlank() {
        for (Event e : Event.values()) {
            if (e.origin() == Event.Origin.USER) {
                assertNull(StateTable.action(State.STA13, e), e.label() + " in Sta13");
            }
        }
    }
}
