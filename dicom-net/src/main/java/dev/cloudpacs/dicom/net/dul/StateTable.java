package dev.cloudpacs.dicom.net.dul;

import java.util.EnumMap;
import java.util.Map;

/**
 * PS3.8 Table 9-10, the DICOM Upper Layer state transition table, transcribed row by row: for each
 * event, the action taken in each state where the standard defines one. A blank cell means the event
 * cannot occur in that state (a local primitive issued in the wrong state is a programming error).
 */
public final class StateTable {
    /** One row per event: "state:action" cells, states Sta1..Sta13. */
    private static final String[] ROWS = {
        /* Evt1  */ "1:AE-1",
        /* Evt2  */ "4:AE-2",
        /* Evt3  */ "2:AA-1 3:AA-8 5:AE-3 6:AA-8 7:AA-8 8:AA-8 9:AA-8 10:AA-8 11:AA-8 12:AA-8 13:AA-6",
        /* Evt4  */ "2:AA-1 3:AA-8 5:AE-4 6:AA-8 7:AA-8 8:AA-8 9:AA-8 10:AA-8 11:AA-8 12:AA-8 13:AA-6",
        /* Evt5  */ "1:AE-5",
        /* Evt6  */ "2:AE-6 3:AA-8 5:AA-8 6:AA-8 7:AA-8 8:AA-8 9:AA-8 10:AA-8 11:AA-8 12:AA-8 13:AA-7",
        /* Evt7  */ "3:AE-7",
        /* Evt8  */ "3:AE-8",
        /* Evt9  */ "6:DT-1 8:AR-7",
        /* Evt10 */ "2:AA-1 3:AA-8 5:AA-8 6:DT-2 7:AR-6 8:AA-8 9:AA-8 10:AA-8 11:AA-8 12:AA-8 13:AA-6",
        /* Evt11 */ "6:AR-1",
        /* Evt12 */ "2:AA-1 3:AA-8 5:AA-8 6:AR-2 7:AR-8 8:AA-8 9:AA-8 10:AA-8 11:AA-8 12:AA-8 13:AA-6",
        /* Evt13 */ "2:AA-1 3:AA-8 5:AA-8 6:AA-8 7:AR-3 8:AA-8 9:AA-8 10:AR-10 11:AR-3 12:AA-8 13:AA-6",
        /* Evt14 */ "8:AR-4 9:AR-9 12:AR-4",
        /* Evt15 */ "3:AA-1 4:AA-2 5:AA-1 6:AA-1 7:AA-1 8:AA-1 9:AA-1 10:AA-1 11:AA-1 12:AA-1",
        /* Evt16 */ "2:AA-2 3:AA-3 5:AA-3 6:AA-3 7:AA-3 8:AA-3 9:AA-3 10:AA-3 11:AA-3 12:AA-3 13:AA-2",
        /* Evt17 */ "2:AA-5 3:AA-4 4:AA-4 5:AA-4 6:AA-4 7:AA-4 8:AA-4 9:AA-4 10:AA-4 11:AA-4 12:AA-4 13:AR-5",
        /* Evt18 */ "2:AA-2 13:AA-2",
        /* Evt19 */ "2:AA-1 3:AA-8 5:AA-8 6:AA-8 7:AA-8 8:AA-8 9:AA-8 10:AA-8 11:AA-8 12:AA-8 13:AA-7",
    };

    private static final Map<Event, Map<State, Action>> TABLE = new EnumMap<>(Event.class);

    static {
        Event[] events = Event.values();
        for (int e = 0; e < ROWS.length; e++) {
            Map<State, Action> row = new EnumMap<>(State.class);
            for (String cell : ROWS[e].split(" ")) {
                int colon = cell.indexOf(':');
                State s = State.values()[Integer.parseInt(cell.substring(0, colon)) - 1];
                row.put(s, Action.valueOf(cell.substring(colon + 1).replace('-', '_')));
            }
            TABLE.put(events[e], row);
        }
    }

    private StateTable() {
    }

    /** The action for {@code event} in {@code state}, or null where the table has no entry. */
    public static Action action(State state, Event event) {
        return TABLE.get(event).get(state);
    }
}
